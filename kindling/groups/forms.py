"""Forms for booking, joining, and running a workshop."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kindling.accounts.forms import AcceptInvitationForm
from kindling.accounts.models import validate_client_birth_date
from kindling.lib.widgets import DateInput, TimeInput

from .models import Workshop

FOR_YOUNG_PEOPLE = (Workshop.Audience.TEENS, Workshop.Audience.FAMILIES)


class BookingForm(forms.Form):
    """A guest gives a name and an address; someone signed in books with their account's.
    For teenagers' and family workshops the person booking is the parent or guardian."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We'll send your booking details here, with a link to change or cancel it."),
    )
    is_guardian = forms.BooleanField(
        label=_("I'm the parent or guardian making this booking"), required=False
    )

    def __init__(self, *args, workshop: Workshop, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.workshop = workshop
        if signed_in:
            del self.fields["name"]
            del self.fields["email"]
        if workshop.audience in FOR_YOUNG_PEOPLE:
            self.fields["is_guardian"].required = True
            self.fields["is_guardian"].error_messages["required"] = _(
                "Bookings for young people are made by a parent or guardian. If that's you, "
                "please tick the box. If you're a young person who'd like to come, you're very "
                "welcome: please ask a parent or guardian to book."
            )
        else:
            del self.fields["is_guardian"]


class JoinForm(AcceptInvitationForm):
    """Make an account from a workshop booking. A date of birth only when the guest joins an
    adult group that follows the programme (they get a self-paced place on it)."""

    date_of_birth = forms.DateField(
        label=_("Your date of birth"),
        required=False,
        widget=DateInput(),
        help_text=_("The group follows Kindling's programme, which is written for adults."),
        validators=[validate_client_birth_date],
    )

    def __init__(self, *args, needs_birth_date: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if needs_birth_date:
            self.fields["date_of_birth"].required = True
        else:
            del self.fields["date_of_birth"]


class WorkshopForm(forms.ModelForm):
    meeting_link = forms.URLField(
        label=_("Meeting link (online: only people with a place see it)"),
        max_length=500, required=False, assume_scheme="https",
    )  # fmt: skip

    class Meta:
        model = Workshop
        fields = [
            "title", "slug", "summary", "audience", "format", "venue", "meeting_link",
            "capacity", "price_text", "facilitator", "follows_programme", "is_published",
        ]  # fmt: skip
        labels = {
            "title": _("Title (shown publicly)"),
            "slug": _("Web address"),
            "summary": _("What it is and who it is for (shown publicly)"),
            "audience": _("Who it is for"),
            "format": _("How it meets"),
            "venue": _("Venue (in person)"),
            "meeting_link": _("Meeting link (online: only people with a place see it)"),
            "capacity": _("Places"),
            "price_text": _("Price"),
            "facilitator": _("Facilitator"),
            "follows_programme": _("The group moves through the programme together"),
            "is_published": _("Show it on the practice's public pages"),
        }
        help_texts = {
            "slug": _("Letters, numbers and dashes; made from the title if you leave it empty."),
            "price_text": _('For example "Free" or "$40, concessions $20".'),
        }
        widgets = {"summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, facilitators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["facilitator"].queryset = facilitators
        self.fields["facilitator"].required = True
        self.fields["capacity"].min_value = 1
        self.fields["capacity"].widget.attrs["min"] = 1

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.data.get("title", ""))[:80]
        if not slug:
            raise forms.ValidationError(_("Please give the workshop a web address."))
        return slug

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if capacity is None or capacity < 1:
            raise forms.ValidationError(_("A workshop needs at least one place."))
        return capacity

    def clean(self):
        data = super().clean()
        if data.get("format") == Workshop.Format.IN_PERSON and not data.get("venue"):
            self.add_error("venue", _("Please say where an in-person workshop meets."))
        if data.get("format") == Workshop.Format.ONLINE and not data.get("meeting_link"):
            self.add_error("meeting_link", _("Please give the link an online workshop meets at."))
        if data.get("follows_programme") and data.get("audience") != Workshop.Audience.ADULTS:
            # Group peer posts and group pacing are built for adults; young people practise
            # the programme with their clinician.
            self.add_error(
                "follows_programme", _("Only a workshop for adults can follow the programme.")
            )
        return data


class SessionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    day = forms.DateField(label=_("Date"), widget=DateInput())
    start = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=600, initial=90)
    time_zone = forms.CharField(label=_("Time zone"), max_length=64)
    title = forms.CharField(label=_("Session title"), max_length=160, required=False)

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise forms.ValidationError(
                _('That isn\'t a time zone we know. Try one like "Australia/Melbourne".')
            ) from None
        return name

    def starts_at(self) -> dt.datetime:
        data = self.cleaned_data
        return dt.datetime.combine(data["day"], data["start"], tzinfo=ZoneInfo(data["time_zone"]))


class BaseSessionFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        kept = [f for f in self.forms if f.has_changed() and not self._should_delete_form(f)]
        kept = [f for f in kept if f.cleaned_data.get("day")]
        if not kept:
            raise forms.ValidationError(_("Please add at least one session."))


def session_formset(data=None, *, initial=None, zone: str = "Australia/Melbourne"):
    formset = SessionFormSet(data, initial=initial, prefix="sessions")
    for form in formset.forms:
        form.fields["time_zone"].initial = zone
    return formset


SessionFormSet = forms.formset_factory(
    SessionForm, formset=BaseSessionFormSet, extra=2, can_delete=True, max_num=52,
    validate_max=True,
)  # fmt: skip


class GroupMessageForm(forms.Form):
    body = forms.CharField(
        label=_("Your message to everyone with a place"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "It is e-mailed to each person separately. Please keep personal or health details "
            "out of it: e-mail is not private."
        ),
    )
