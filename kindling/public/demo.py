"""The demo practice's public site: Kindling's default page texts, and two enquiries for the
practice administrator to read (one waiting, one handled). Running it again adds nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from .models import Enquiry

ENQUIRIES = [
    {
        "name": "Hannah",
        "contact": "hannah@example.org",
        "about": (
            "I'm always so hard on myself at work and I'd like to learn to be a bit kinder "
            "to myself. A friend mentioned your workshop."
        ),
        "preferred_times": "Tuesday or Thursday evenings; online is fine.",
        "days_ago": 1,
        "handled": False,
    },
    {
        "name": "Tom",
        "contact": "0400 000 000",
        "about": "Asking for my 15-year-old, who would like someone to talk to.",
        "preferred_times": "After school, any weekday.",
        "days_ago": 9,
        "handled": True,
    },
]


def load(practice, people) -> None:
    if Enquiry.objects.filter(practice=practice).exists():
        return
    now = timezone.now()
    for item in ENQUIRIES:
        created = now - dt.timedelta(days=item["days_ago"])
        Enquiry.objects.create(
            practice=practice,
            name=item["name"],
            contact=item["contact"],
            about=item["about"],
            preferred_times=item["preferred_times"],
            created_at=created,
            handled_at=created + dt.timedelta(days=1) if item["handled"] else None,
            handled_by=people["admin"] if item["handled"] else None,
        )
