"""The demo practice's workshops, facilitated by Priya Shah (facilitator@demo.kindling):

- a one-off in-person morning for adults with one place left, so a visitor can book the last
  place (and the next visitor meets the waitlist);
- an online six-week group that moves through the programme together, with several
  participants (demo participants group1… with a self-paced place, and Sam);
- a parents-and-children morning, booked by Jo for her family.

Loading twice changes nothing. Demo participants share the demo password but are not
advertised logins.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from allauth.account.models import EmailAddress
from django.utils import timezone

from kindling.accounts import actions
from kindling.accounts.demo import DEMO_DOMAIN, birth_date
from kindling.accounts.models import ClientProfile, User

from .models import Registration, Workshop, WorkshopSession

PARTICIPANTS = [
    ("group1", "Aroha Ngata", 41),
    ("group2", "Ben Carter", 29),
    ("group3", "Chloe Nguyen", 36),
    ("group4", "Dev Patel", 52),
    ("group5", "Ella Murphy", 24),
    ("group6", "Farid Haddad", 47),
    ("group7", "Grace Lim", 33),
]


def _participant(practice, key: str, name: str, age: int, password_hash: str) -> User:
    email = f"{key}@{DEMO_DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, None, name=name)
        user.password = password_hash
        user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    if not ClientProfile.objects.filter(user=user).exists():
        # A self-paced place on the programme: no care team, so the programme's pacing treats
        # them as a workshop participant.
        actions.enrol_client(
            user, practice, date_of_birth=birth_date(age), clinicians=[],
            preferred_name=name.split(" ")[0],
        )  # fmt: skip
    return user


def _next_weekday(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7 or 7)


def _workshop(practice, slug: str, sessions: list[tuple[dt.datetime, int, str]], **fields):
    workshop = Workshop.objects.filter(practice=practice, slug=slug).first()
    if workshop is not None:
        return workshop
    workshop = Workshop.objects.create(practice=practice, slug=slug, is_published=True, **fields)
    for starts_at, minutes, title in sessions:
        WorkshopSession.objects.create(
            workshop=workshop, starts_at=starts_at, minutes=minutes,
            time_zone=practice.time_zone, title=title,
        )  # fmt: skip
    return workshop


def _book(workshop: Workshop, user: User, *, guardian: bool = False, ago_days: int = 5) -> None:
    if workshop.registrations.filter(email=user.email).exists():
        return
    booked = timezone.now() - dt.timedelta(days=ago_days)
    Registration.objects.create(
        workshop=workshop, user=user, name=user.get_full_name(), email=user.email,
        status=Registration.Status.CONFIRMED, created_at=booked, confirmed_at=booked,
        is_guardian_booking=guardian,
    )  # fmt: skip


def load(practice, people) -> None:
    zone = ZoneInfo(practice.time_zone)
    today = timezone.now().astimezone(zone).date()
    facilitator = people["facilitator"]
    password_hash = people["client"].password
    group = [_participant(practice, *p, password_hash) for p in PARTICIPANTS]

    def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)

    saturday = _next_weekday(today + dt.timedelta(days=7), 5)
    morning = _workshop(
        practice, "kindness-in-everyday-life",
        [(at(saturday, 9, 30), 180, "")],
        title="Kindness in everyday life: a morning workshop",
        summary=(
            "A gentle morning for adults who are hard on themselves. We try a few short "
            "practices together (a kind pause, soothing breath, treating ourselves as we "
            "would a friend), with time to talk or simply listen.\n\nNo experience needed."
        ),
        audience=Workshop.Audience.ADULTS, format=Workshop.Format.IN_PERSON,
        venue="Harbour Light Psychology, Level 2, 14 Bay Street, Williamstown VIC",
        capacity=8, price_text="$45, concessions $25", facilitator=facilitator,
    )  # fmt: skip
    for n, user in enumerate(group):  # seven of eight places: one left
        _book(morning, user, ago_days=10 - n)

    tuesday = _next_weekday(today + dt.timedelta(days=3), 1)
    weekly = _workshop(
        practice, "kind-to-myself-six-weeks",
        [(at(tuesday + dt.timedelta(weeks=w), 18, 30), 90, f"Week {w + 1}") for w in range(6)],
        title="Kind to myself: a six-week online group",
        summary=(
            "Six evening sessions online, moving through Kindling's programme together: "
            "settling, meeting the inner critic, the pull of looking after others first, "
            "and carrying kindness into ordinary days. Between sessions you can practise "
            "in Kindling at your own pace."
        ),
        audience=Workshop.Audience.ADULTS, format=Workshop.Format.ONLINE,
        meeting_link="https://meet.example.org/harbour-light-kind-to-myself",
        capacity=10, price_text="$180 for six weeks; ask us about a reduced fee",
        facilitator=facilitator, follows_programme=True,
    )  # fmt: skip
    for n, user in enumerate([*group[:5], people["client"]]):
        _book(weekly, user, ago_days=20 - n)

    sunday = _next_weekday(today + dt.timedelta(days=10), 6)
    _workshop(
        practice, "parents-and-children-morning",
        [(at(sunday, 10), 120, "")],
        title="Being kind together: a morning for parents and children",
        summary=(
            "Games, stories and a calm corner for children aged 8 to 12 and the grown-ups "
            "who look after them. We practise noticing feelings and being kind to "
            "ourselves, side by side."
        ),
        audience=Workshop.Audience.FAMILIES, format=Workshop.Format.IN_PERSON,
        venue="Williamstown Community Hall, 5 Ferguson Street, Williamstown VIC",
        capacity=6, price_text="Free", facilitator=facilitator,
    )  # fmt: skip
    families = Workshop.objects.get(practice=practice, slug="parents-and-children-morning")
    _book(families, people["guardian"], guardian=True, ago_days=3)
