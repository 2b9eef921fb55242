"""Session notes pages: the list, writing, changing within 24 hours, addenda, every version.

For the care team only: every note comes through access.notes_for / access.note_for, so anyone
else (the client, a guardian, another clinician, the practice admin) gets a 404. Works without
JavaScript. Words are never cut off or lost: a refused save answers 400 with the words still in
the form, and an edit refused because the 24 hours have passed offers the changed words as an
addendum instead.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from kindling.accounts.models import ClientProfile
from kindling.lib import access
from kindling.lib.widgets import DateInput

from . import notes
from .models.notes import NOTE_PARTS, NoteAddendum, SessionNote

PER_PAGE = 20

TOO_LONG = gettext_lazy(
    "This is %(show_value)s characters long, and the most it can hold is %(limit_value)s. "
    "Please shorten it (or move some of it to another part). Nothing has been saved yet."
)

HELP = {
    "focus": gettext_lazy("What the session was about."),
    "noticed": gettext_lazy(
        "Including self-criticism, and loyalty themes such as feeling disloyal to a parent "
        "for talking about home."
    ),
    "plan": gettext_lazy("What comes next in therapy."),
    "homework": gettext_lazy("What the client will practise between sessions."),
    "text": gettext_lazy("Anything else, in your own words."),
}


def _part_field(key: str, label) -> forms.CharField:
    field = forms.CharField(
        label=label, required=False, max_length=notes.MAX_PART, help_text=HELP[key],
        widget=forms.Textarea(attrs={"rows": 6 if key == "text" else 3}),
        error_messages={"max_length": TOO_LONG},
    )  # fmt: skip
    # Too long is said out loud by the server with the words kept in the box; a browser limit
    # would cut pasted text off without a word.
    field.widget.attrs.pop("maxlength", None)
    return field


class NoteForm(forms.Form):
    session_date = forms.DateField(
        label=gettext_lazy("Date of the session"),
        help_text=gettext_lazy("For example 14/03/2025."),
        widget=DateInput(),
        error_messages={
            "required": gettext_lazy("Give the date of the session."),
            "invalid": gettext_lazy(
                "That isn't a date Kindling can read. Enter the date of the session, for "
                "example 14/03/2025."
            ),
        },
    )
    based_on = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, client: ClientProfile, **kwargs):
        super().__init__(*args, **kwargs)
        self.client = client
        for key, label in NOTE_PARTS:
            self.fields[key] = _part_field(key, label)

    def clean_session_date(self):
        day = self.cleaned_data["session_date"]
        if day > timezone.localdate():
            raise forms.ValidationError(
                _("The session date is in the future. Write the note after the session.")
            )
        if day < self.client.date_of_birth:
            raise forms.ValidationError(
                _("The session date is before the client was born. Please check the year.")
            )
        return day

    def clean(self):
        cleaned = super().clean()
        keys = self.part_keys()
        if not any(key in self.errors for key in keys) and not any(cleaned.get(k) for k in keys):
            raise forms.ValidationError(
                _(
                    "The note is empty. Write at least one part of it: the focus, what you "
                    "noticed, the plan, homework or notes."
                )
            )
        return cleaned

    @staticmethod
    def part_keys() -> list[str]:
        return [key for key, _label in NOTE_PARTS]

    def parts(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(key, "") for key in self.part_keys()}


class AddendumForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Addendum"),
        help_text=gettext_lazy(
            "It appears under the note with your name and the time. The note itself is not changed."
        ),
        max_length=notes.MAX_PART,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": gettext_lazy("The addendum is empty. Write what you would like to add."),
            "max_length": TOO_LONG,
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs.pop("maxlength", None)


def _list_url(note: SessionNote) -> str:
    return reverse("session_notes", args=[note.client_id]) + f"#note-{note.pk}"


@login_required
@require_safe
def notes_list(request: HttpRequest, client_id: int) -> HttpResponse:
    client, found = access.notes_for(request.user, client_id)
    rows = notes.with_history_counts(found).prefetch_related(
        Prefetch("addenda", queryset=NoteAddendum.objects.select_related("author"))
    )
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    now = timezone.now()
    for note in page.object_list:
        note.can_edit = note.is_editable_by(request.user, now)
    return render(request, "care/notes.html", {"client": client, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def note_new(request: HttpRequest, client_id: int) -> HttpResponse:
    client, _found = access.notes_for(request.user, client_id)
    if request.method == "POST":
        form = NoteForm(request.POST, client=client)
        if form.is_valid():
            try:
                note = notes.write_note(
                    client, request.user, session_date=form.cleaned_data["session_date"],
                    parts=form.parts(),
                )  # fmt: skip
            except notes.NoteError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The note is saved."))
                return redirect(_list_url(note))
        return _form_page(request, client, form, None, status=400)
    form = NoteForm(client=client, initial={"session_date": timezone.localdate()})
    return _form_page(request, client, form, None)


def _form_page(request, client, form, note, *, status=200, conflict=False) -> HttpResponse:
    return render(
        request,
        "care/notes_form.html",
        {"client": client, "form": form, "note": note, "conflict": conflict},
        status=status,
    )


@login_required
@require_safe
def note_page(request: HttpRequest, client_id: int, note_id: int) -> HttpResponse:
    """One note as it is now, its addenda, and every earlier version."""
    note = access.note_for(request.user, client_id, note_id)
    return render(
        request,
        "care/notes_note.html",
        {
            "client": note.client,
            "note": note,
            "versions": note.versions.select_related("saved_by"),
            "addenda": note.addenda.select_related("author"),
            "can_edit": note.is_editable_by(request.user),
        },
    )


def _changed_words(note: SessionNote, posted) -> str:
    """What an edit changed, as text for an addendum: each changed part under its label."""
    saved = note.parts
    lines = []
    posted_date = (posted.get("session_date") or "").strip()
    try:
        same_day = forms.DateField().clean(posted_date) == note.session_date
    except forms.ValidationError:
        same_day = not posted_date
    if not same_day:
        lines.append(_("Date of the session: %(date)s") % {"date": posted_date})
    for key, label in NOTE_PARTS:
        words = (posted.get(key) or "").strip()
        if words != saved.get(key, ""):
            lines.append(f"{label}:\n{words or _('(left empty)')}")
    return "\n\n".join(lines)


def _addendum_page(request, note, form, *, status=200, notice="") -> HttpResponse:
    return render(
        request,
        "care/notes_addendum.html",
        {
            "client": note.client,
            "note": note,
            "addenda": note.addenda.select_related("author"),
            "form": form,
            "notice": notice,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def note_edit(request: HttpRequest, client_id: int, note_id: int) -> HttpResponse:
    note = access.note_for(request.user, client_id, note_id)
    client = note.client
    reason = notes.why_not_editable(note, request.user)
    if request.method == "GET":
        if reason:
            messages.info(request, reason)
            return redirect("session_note_addendum", client.pk, note.pk)
        initial = {**note.parts, "session_date": note.session_date,
                   "based_on": notes.edit_stamp(note)}  # fmt: skip
        return _form_page(request, client, NoteForm(client=client, initial=initial), note)
    if reason:
        # Opened in time but sent too late, or not theirs: the words become an addendum the
        # clinician can check and save, and the note stays as it was.
        form = AddendumForm(initial={"text": _changed_words(note, request.POST)})
        return _addendum_page(request, note, form, status=400, notice=reason)
    form = NoteForm(request.POST, client=client)
    if not form.is_valid():
        return _form_page(request, client, form, note, status=400)
    try:
        changed = notes.edit_note(
            note, request.user, session_date=form.cleaned_data["session_date"],
            parts=form.parts(), based_on=form.cleaned_data["based_on"] or None,
        )  # fmt: skip
    except notes.NoteLocked as error:
        form = AddendumForm(initial={"text": _changed_words(note, request.POST)})
        return _addendum_page(request, note, form, status=400, notice=str(error))
    except notes.NoteConflict as error:
        form.add_error(None, str(error))
        note.refresh_from_db()
        return _form_page(request, client, form, note, status=400, conflict=True)
    except notes.NoteError as error:
        form.add_error(None, str(error))
        return _form_page(request, client, form, note, status=400)
    if changed:
        until = date_format(timezone.localtime(note.editable_until), "j F, g:i a")
        messages.success(
            request,
            _("The note is saved, and the earlier version is kept. Until %(until)s you can "
              "still change it.") % {"until": until},
        )  # fmt: skip
    else:
        messages.info(request, _("Nothing had changed, so nothing new was saved."))
    return redirect(_list_url(note))


@login_required
@require_http_methods(["GET", "POST"])
def note_addendum(request: HttpRequest, client_id: int, note_id: int) -> HttpResponse:
    note = access.note_for(request.user, client_id, note_id)
    if request.method == "GET":
        return _addendum_page(request, note, AddendumForm())
    form = AddendumForm(request.POST)
    if form.is_valid():
        try:
            notes.add_addendum(note, request.user, form.cleaned_data["text"])
        except notes.NoteError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The addendum is saved under the note."))
            return redirect(_list_url(note))
    return _addendum_page(request, note, form, status=400)
