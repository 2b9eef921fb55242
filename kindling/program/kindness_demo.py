"""Demo kindness plans for Sam (adult), Maya (teen) and Leo (child), with a few weeks of marks
so the plan looks lived in. Loading twice adds nothing."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kindling.accounts.models import ClientProfile

from . import kindness
from .models.kindness import KindnessAct, KindnessMark, MarkState, days_to_text

# (text, from a suggestion, days (0 = Monday), time or None for any time)
PLANS = {
    "sam": [
        ("Make a cup of tea and drink it slowly", True, [0, 1, 2, 3, 4], dt.time(15, 0)),
        ("Walk to the jetty and back", False, [5, 6], dt.time(8, 30)),
        ("Go to bed half an hour earlier", True, [0, 2], None),
    ],
    "maya": [
        ("Go for a walk with music", True, [1, 3], dt.time(16, 30)),
        ("Draw in my sketchbook", False, [5], None),
        ("Put your phone away for an hour", True, [0, 1, 2, 3, 4, 5, 6], dt.time(21, 0)),
    ],
    "leo": [
        ("Cuddle a pet or a soft toy", True, [0, 1, 2, 3, 4, 5, 6], dt.time(19, 30)),
        ("Build a blanket fort", True, [5], None),
        ("Kick the footy at the park", False, [2, 6], None),
    ],
}
WEEKS_AGO = 3


def _plan(profile: ClientProfile, rows, started: dt.datetime) -> None:
    today = kindness.local_today(profile)
    for n, (text, from_suggestion, days, at) in enumerate(rows):
        act = KindnessAct.objects.create(
            client=profile, text=text, from_suggestion=from_suggestion,
            weekdays=days_to_text(days), at_time=at, created_at=started,
        )  # fmt: skip
        marks = []
        day = kindness.first_day(act, kindness.time_zone_of(profile))
        count = 0
        while day < today:
            count += 1
            # Most days marked done, now and then "not today", some left as they were.
            if (count + n) % 5 == 3:
                marks.append(KindnessMark(act=act, on=day, state=MarkState.NOT_TODAY))
            elif (count + n) % 4 != 0:
                marks.append(KindnessMark(act=act, on=day, state=MarkState.DONE))
            day += dt.timedelta(days=1)
            while day.weekday() not in act.days:
                day += dt.timedelta(days=1)
        KindnessMark.objects.bulk_create(marks)


def load(sam: ClientProfile, maya: ClientProfile, leo: ClientProfile) -> None:
    """A plan for each demo client. Pass their ClientProfiles (or their Users)."""
    profiles = {
        name: getattr(person, "client_profile", person)
        for name, person in (("sam", sam), ("maya", maya), ("leo", leo))
    }
    started = timezone.now() - dt.timedelta(weeks=WEEKS_AGO)
    for name, profile in profiles.items():
        if KindnessAct.objects.filter(client=profile).exists():
            continue
        _plan(profile, PLANS[name], started)
