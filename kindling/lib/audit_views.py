"""Reading the audit trail: the practice administrator's log, and a client's own visits."""

from django.http import Http404


def practice_log(request, practice_id: int):
    raise Http404


def my_record_visits(request):
    raise Http404
