"""Date and time boxes for forms. A browser's `<input type="date">` accepts only ISO dates
(2026-12-01), whatever the page's locale: with Django's locale format (01/12/2026) an edit form
shows an empty box and refuses to save. Every date or time field uses these."""

from __future__ import annotations

from django import forms


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")
