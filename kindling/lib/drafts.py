"""Keeping what someone was writing when their session ends from idleness.

The idle-timeout middleware calls `park` before it logs the person out: if the request was a
form post to one of the DRAFT_PATHS and its CSRF token is valid, the fields are stored,
encrypted, against the person. After they log in again, the page calls `take` and puts the words
back in the form. A parked draft is kept for a week at most.
"""

from __future__ import annotations

import datetime as dt
import json

from django.middleware.csrf import CsrfViewMiddleware
from django.urls import Resolver404, resolve
from django.utils import timezone

from .models import ParkedDraft

# The pages whose posts carry words or answers worth keeping, by name; each hands them back.
DRAFT_PAGES = {"journal_new", "journal_entry", "practise", "check_in"}
KEEP_FOR = dt.timedelta(days=7)
MAX_PER_PERSON = 5
SKIP_FIELDS = {"csrfmiddlewaretoken"}


def _csrf_ok(request) -> bool:
    check = CsrfViewMiddleware(lambda r: None)
    return check.process_view(request, None, (), {}) is None


def park(request, user) -> bool:
    if request.method != "POST" or len(request.path) > 200:
        return False
    try:
        if resolve(request.path).url_name not in DRAFT_PAGES:
            return False
    except Resolver404:
        return False
    if not _csrf_ok(request):  # a post from another site must not plant words in an account
        return False
    fields = {k: v for k, v in request.POST.items() if k not in SKIP_FIELDS}
    if not any(str(v).strip() for v in fields.values()):
        return False
    ParkedDraft.objects.filter(user=user, path=request.path).delete()
    ParkedDraft.objects.create(user=user, path=request.path, data=json.dumps(fields))
    stale = ParkedDraft.objects.filter(user=user).order_by("-parked_at")[MAX_PER_PERSON:]
    ParkedDraft.objects.filter(pk__in=[d.pk for d in stale]).delete()
    return True


def take(user, path: str) -> dict | None:
    """The fields parked for this page, removed from storage as they are handed back."""
    ParkedDraft.objects.filter(parked_at__lt=timezone.now() - KEEP_FOR).delete()
    found = ParkedDraft.objects.filter(user=user, path=path).order_by("-parked_at").first()
    if found is None:
        return None
    ParkedDraft.objects.filter(user=user, path=path).delete()
    try:
        return json.loads(found.data)
    except ValueError:
        return None
