"""The enquiry form a visitor fills in, and the form a practice edits its public texts with."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

# The honeypot: a field people never see (hidden by CSS and from screen readers; it is written
# into the template, not part of the form) and a form-filling robot usually fills in.
HONEYPOT = "website"


def _text(**kwargs) -> forms.CharField:
    return forms.CharField(strip=True, **kwargs)


class EnquiryForm(forms.Form):
    name = _text(
        label=_("Your name"),
        max_length=200,
        help_text=_("A first name is fine."),
        error_messages={"required": _("Please tell us what to call you.")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact = _text(
        label=_("How can we reach you?"),
        max_length=254,
        help_text=_("An e-mail address or a phone number."),
        error_messages={"required": _("Please give us an e-mail address or a phone number.")},
        widget=forms.TextInput(attrs={"autocomplete": "email"}),
    )
    about = _text(
        label=_("What would you like help with?"),
        max_length=4000,
        required=False,
        help_text=_("A few words is plenty. You can leave this out and tell us in person."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    preferred_times = _text(
        label=_("When suits you?"),
        max_length=500,
        required=False,
        help_text=_("Days or times that are easier for you, and whether online suits you."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_contact(self) -> str:
        value = self.cleaned_data["contact"]
        if "@" in value:
            try:
                validate_email(value)
            except ValidationError:
                raise ValidationError(
                    _("That e-mail address doesn't look quite right. Could you check it?")
                ) from None
            return value
        digits = re.sub(r"\D", "", value)
        if len(digits) < 6 or not re.fullmatch(r"[0-9 +()\-.]+", value):
            raise ValidationError(
                _("Please give an e-mail address (with an @) or a phone number we can call.")
            )
        return value

    def is_spam(self) -> bool:
        """True if the honeypot was filled in (read before is_valid: it is not a real field)."""
        return bool((self.data.get(HONEYPOT) or "").strip())


class SiteTextForm(forms.Form):
    title = _text(label=_("Title"), max_length=200)
    body = _text(
        label=_("Text"),
        max_length=20_000,
        help_text=_(
            "Plain text with Markdown: a blank line starts a new paragraph, **bold**, "
            "*italic*, ## for a heading, - at the start of a line for a list, and "
            "[words](https://example.org) for a link. Web page code is shown as typed."
        ),
        widget=forms.Textarea(attrs={"rows": 18}),
    )
