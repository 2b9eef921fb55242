"""Friendly error pages that say nothing about what exists or why it failed."""

from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def bad_request(request, exception=None):
    # Django reports a body over DATA_UPLOAD_MAX_MEMORY_SIZE as a 400; it is really a 413.
    if isinstance(exception, RequestDataTooBig):
        return render(request, "413.html", status=413)
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def csrf_failure(request, reason=""):
    # Usually an old tab or an expired session; the reason stays in the server log, not the page.
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors here: the database may be the thing that failed.
    return HttpResponseServerError(loader.get_template("500.html").render())
