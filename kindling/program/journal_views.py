"""The client's journal: free writing and the guided kind response. Private unless shared.

Words are never lost: the optional script saves a draft as the client types; without it the
Save button does; and if the session ends from idleness mid-entry, the middleware parks the
words (kindling/lib/drafts.py) and this page puts them back after the next login.
"""

from __future__ import annotations

import uuid

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kindling.lib import access, drafts
from kindling.safety import pathway

from . import journal
from .models import GUIDED_PROMPTS, JournalEntry

MAX_FIELD = 10_000


def _form_class(kind: str, band: str) -> type[forms.Form]:
    if kind == JournalEntry.Kind.FREE:
        fields = {
            "body": forms.CharField(
                label=gettext_lazy("Write whatever you like"), required=False,
                max_length=MAX_FIELD, widget=forms.Textarea(attrs={"rows": 12}),
            )
        }  # fmt: skip
    else:
        fields = {
            name: forms.CharField(
                label=child if band == "child" else adult, required=False,
                max_length=MAX_FIELD, widget=forms.Textarea(attrs={"rows": 3}),
            )
            for name, adult, child in GUIDED_PROMPTS
        }  # fmt: skip
    fields["draft_key"] = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    for field in fields.values():
        # Too long is said out loud by the server, with the words kept in the box; a browser
        # limit would cut pasted text off without a word.
        field.widget.attrs.pop("maxlength", None)
    return type("JournalForm", (forms.Form,), fields)


def _kind_or_404(kind: str) -> str:
    if kind not in JournalEntry.Kind.values:
        raise Http404("No such kind of entry.")
    return kind


@login_required
def journal_list(request: HttpRequest) -> HttpResponse:
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile
    entries = access.own_journal_entries(request.user).order_by("-updated_at")
    return render(
        request,
        "program/journal_list.html",
        {"profile": profile, "band": profile.age_band, "entries": entries},
    )


def _respond(request, profile, entry, form, kind, status=200):
    has_guardian = profile.is_minor and profile.guardian_links.exists()
    return render(
        request,
        "program/journal_entry.html",
        {
            "profile": profile,
            "band": profile.age_band,
            "entry": entry,
            "form": form,
            "kind": kind,
            "has_guardian": has_guardian,
        },
        status=status,
    )


def _save(request, profile, entry, kind):
    """Handle a post to a new or existing entry: autosave, or Save."""
    form = _form_class(kind, profile.age_band)(request.POST)
    autosave = request.POST.get("action") == "autosave"
    if not form.is_valid():
        if autosave:
            return JsonResponse({"saved": False}, status=400)
        return _respond(request, profile, entry, form, kind, status=400)
    values = {k: v.strip() for k, v in form.cleaned_data.items()}
    key = values.pop("draft_key", "")
    if entry is None and key:
        # The same new entry posted again (an autosave still on its way when Save was
        # pressed, or a retry): update it rather than make a second one.
        entry = access.own_journal_entries(request.user).filter(draft_key=key).first()
    if not any(values.values()):
        if autosave:
            return JsonResponse({"saved": False}, status=200)
        form.add_error(
            None, _("There's nothing to save yet. Write as much or as little as you like.")
        )
        return _respond(request, profile, entry, form, kind, status=400)
    entry = journal.write(profile, entry, kind, values, final=not autosave, draft_key=key)
    if autosave:
        return JsonResponse({"saved": True, "url": reverse("journal_entry", args=[entry.pk])})
    after = pathway.page_after(entry.outcome)
    if after is not None:
        messages.info(request, _("Saved."))
        return redirect(after)
    messages.success(request, _("Saved. Only you can see it unless you choose to share it."))
    return redirect("journal_entry", entry.pk)


@login_required
def journal_new(request: HttpRequest, kind: str) -> HttpResponse:
    kind = _kind_or_404(kind)
    profile = access.own_client_profile(request.user)
    request.user.client_profile = profile
    if request.method == "POST":
        return _save(request, profile, None, kind)
    parked = drafts.take(request.user, request.path)
    initial = parked or {}
    initial.setdefault("draft_key", uuid.uuid4().hex)
    form = _form_class(kind, profile.age_band)(initial=initial)
    if parked:
        messages.info(request, _("Here is what you were writing. It hasn't been saved yet."))
    return _respond(request, profile, None, form, kind)


@login_required
def journal_entry(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.own_journal_entry(request.user, entry_id)
    profile = entry.client
    request.user.client_profile = profile
    if request.method == "POST":
        return _save(request, profile, entry, entry.kind)
    parked = drafts.take(request.user, request.path)
    if parked:
        messages.info(request, _("Here is what you were writing. It hasn't been saved yet."))
    form = _form_class(entry.kind, profile.age_band)(initial=parked or entry.editing_fields)
    if not parked and entry.has_unsaved_changes and not entry.is_draft:
        messages.info(request, _("These are your newest words. Press Save to keep them."))
    return _respond(request, profile, entry, form, entry.kind)


@login_required
@require_POST
def journal_share(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.own_journal_entry(request.user, entry_id)
    if entry.is_draft:
        messages.info(request, _("Save the entry first, then you can choose who sees it."))
        return redirect("journal_entry", entry.pk)
    with_guardian = request.POST.get("guardian") == "yes"
    if with_guardian and not (entry.client.is_minor and entry.client.guardian_links.exists()):
        with_guardian = False
    journal.share(entry, care_team=request.POST.get("care_team") == "yes", guardian=with_guardian)
    messages.success(request, _("Your choice is saved. You can change it whenever you like."))
    return redirect("journal_entry", entry.pk)


@login_required
@require_POST
def journal_delete(request: HttpRequest, entry_id: int) -> HttpResponse:
    entry = access.own_journal_entry(request.user, entry_id)
    if request.POST.get("confirm") != "yes":
        messages.info(request, _("Tick the box to confirm, and the entry will be deleted."))
        return redirect("journal_entry", entry.pk)
    journal.delete(entry)
    messages.success(request, _("The entry is deleted."))
    return redirect("journal")
