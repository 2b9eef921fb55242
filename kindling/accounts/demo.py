"""The demo practice: the people named in docs, a plausible caseload, in the product's own tone.

Loading is idempotent: running it again keeps what is there, resets the demo people's shared
password to the one given, and tops the extra caseload up to the number asked for.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from . import actions, consent
from .models import CareTeamMember, ClientProfile, ConsentRecord, Practice, Role, User

DEMO_DOMAIN = "demo.kindling"
DEFAULT_PASSWORD = "kindling-demo"  # noqa: S105 - the demo only runs with DEBUG on
PRACTICE_SLUG = "harbour-light"


@dataclass(frozen=True)
class DemoPerson:
    email: str
    name: str
    what: str
    staff: bool = False


@dataclass(frozen=True)
class StaffMFA:
    """What a demo staff member needs for two-step login."""

    email: str
    secret: str
    otpauth_url: str
    recovery_codes: list[str]


PEOPLE = [
    DemoPerson(f"clinician@{DEMO_DOMAIN}", "Dr Ruth Adeyemi", "clinician: the caseload", True),
    DemoPerson(f"client@{DEMO_DOMAIN}", "Sam Taylor", "adult client on the programme"),
    DemoPerson(f"teen@{DEMO_DOMAIN}", "Maya Kowalski", "teenage client (14)"),
    DemoPerson(f"child@{DEMO_DOMAIN}", "Leo Kowalski", "child client (10)"),
    DemoPerson(f"guardian@{DEMO_DOMAIN}", "Jo Kowalski", "guardian: Maya and Leo's mum"),
    DemoPerson(f"facilitator@{DEMO_DOMAIN}", "Priya Shah", "workshop facilitator", True),
    DemoPerson(f"admin@{DEMO_DOMAIN}", "Alex Nguyen", "practice administrator", True),
]

FIRST_NAMES = [
    "Alex",
    "Amira",
    "Ben",
    "Chloe",
    "Daniel",
    "Eli",
    "Farah",
    "Grace",
    "Hamish",
    "Isla",
    "Jack",
    "Kiri",
    "Lachlan",
    "Mei",
    "Noah",
    "Olivia",
    "Pita",
    "Quinn",
    "Ruby",
    "Sione",
    "Tara",
    "Uma",
    "Vikram",
    "Willow",
    "Xavier",
    "Yasmin",
    "Zoe",
    "Aroha",
    "Callum",
    "Dev",
]
LAST_NAMES = [
    "Anderson",
    "Brown",
    "Chen",
    "Davies",
    "Evans",
    "Fraser",
    "Gupta",
    "Harris",
    "Ito",
    "Jones",
    "Kaur",
    "Lee",
    "Mitchell",
    "Ngata",
    "O'Brien",
    "Patel",
    "Robinson",
    "Singh",
    "Tran",
    "Walker",
]


def birth_date(years: int, days_after: int = 40) -> dt.date:
    """A birthday that keeps the person `years` old for most of the coming year."""
    today = timezone.localdate()
    return today.replace(year=today.year - years) - dt.timedelta(days=days_after)


def _person(email: str, name: str, password_hash: str) -> User:
    user, created = User.objects.get_or_create(email=email, defaults={"name": name})
    user.password = password_hash
    user.name = name
    user.save(update_fields=["password", "name"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load(password: str = DEFAULT_PASSWORD, extra_clients: int = 0, seed: int = 7) -> Practice:
    password_hash = make_password(password)
    practice, _ = Practice.objects.get_or_create(
        slug=PRACTICE_SLUG,
        defaults={
            "name": "Harbour Light Psychology",
            "region": "AU",
            "time_zone": "Australia/Melbourne",
            "contact_email": f"hello@{DEMO_DOMAIN}",
        },
    )
    people = {p.email.split("@")[0]: _person(p.email, p.name, password_hash) for p in PEOPLE}
    ruth = people["clinician"]
    actions.add_staff(ruth, practice, Role.CLINICIAN)
    actions.add_staff(people["facilitator"], practice, Role.FACILITATOR)
    actions.add_staff(people["admin"], practice, Role.PRACTICE_ADMIN)

    clients = {
        "client": ("Sam", 34),
        "teen": ("Maya", 14),
        "child": ("Leo", 10),
    }
    for key, (preferred, years) in clients.items():
        user = people[key]
        if not hasattr(user, "client_profile"):
            actions.enrol_client(
                user,
                practice,
                date_of_birth=birth_date(years),
                clinicians=[ruth],
                preferred_name=preferred,
            )
    for key, relationship in (("teen", "mum"), ("child", "mum")):
        actions.link_guardian(people["guardian"], people[key].client_profile, relationship)
    # Sam and Maya have agreed; Jo has consented for Leo, and Leo is asked for his own "yes"
    # when he first logs in, so the demo shows the child's assent page.
    for key in ("client", "teen"):
        profile = people[key].client_profile
        if consent.needs_own_agreement(profile):
            actions.give_consent(profile, people[key], consent.own_text_for(profile).audience)
    leo = people["child"].client_profile
    if consent.needs_guardian_consent(leo):
        actions.give_consent(leo, people["guardian"], "guardian")

    _top_up_caseload(practice, ruth, extra_clients, password_hash, random.Random(seed))

    from kindling.measures import demo as measures_demo  # the apps' demo data builds on this
    from kindling.program import demo as programme_demo

    measures_demo.load(ruth, people["client"].client_profile, people["teen"].client_profile)
    programme_demo.load(
        ruth,
        people["client"].client_profile,
        people["teen"].client_profile,
        people["child"].client_profile,
    )
    extra = ClientProfile.objects.filter(user__email__regex=rf"^client[0-9]+@{DEMO_DOMAIN}$")
    measures_demo.load_bulk(ruth, list(extra.select_related("user")))

    from kindling.groups import demo as groups_demo
    from kindling.groupwork import demo as groupwork_demo
    from kindling.public import demo as public_demo

    public_demo.load(practice, people)
    groups_demo.load(practice, people)
    groupwork_demo.load(practice, people)
    return practice


def current_code(secret: str) -> str:
    """The TOTP code an authenticator app would show right now for this secret."""
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def staff_mfa() -> list[StaffMFA]:
    """Set up (once) and return each demo staff member's two-step login details."""
    adapter = get_mfa_adapter()
    found = []
    for person in PEOPLE:
        if not person.staff:
            continue
        user = User.objects.get(email=person.email)
        totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
        if totp is None:
            secret = generate_totp_secret()
            TOTP.activate(user, secret)
        else:
            secret = adapter.decrypt(totp.data["secret"])
        codes = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.RECOVERY_CODES
        ).first()
        recovery = RecoveryCodes(codes) if codes else RecoveryCodes.activate(user)
        found.append(
            StaffMFA(
                email=person.email,
                secret=secret,
                otpauth_url=adapter.build_totp_url(user, secret),
                recovery_codes=recovery.get_unused_codes(),
            )
        )
    return found


def _top_up_caseload(
    practice: Practice, clinician: User, wanted: int, password_hash: str, rng: random.Random
) -> None:
    """Bulk-create extra clients (client1@…, client2@…) until there are `wanted` of them."""
    existing = User.objects.filter(email__regex=rf"^client[0-9]+@{DEMO_DOMAIN}$").count()
    if wanted <= existing:
        return
    now = timezone.now()
    new_users = []
    for n in range(existing + 1, wanted + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        new_users.append(
            User(email=f"client{n}@{DEMO_DOMAIN}", name=f"{first} {last}", password=password_hash)
        )
    User.objects.bulk_create(new_users, batch_size=500)
    users = list(User.objects.filter(email__in=[u.email for u in new_users]).order_by("pk"))
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
        batch_size=500,
    )
    profiles = []
    for user in users:
        years = rng.choice([9, 11, 13, 15, 16, 19, 24, 29, 35, 41, 48, 56])
        joined = now - dt.timedelta(days=rng.randint(20, 200))
        profiles.append(
            ClientProfile(
                user=user,
                practice=practice,
                preferred_name=user.name.split(" ")[0],
                date_of_birth=birth_date(years, days_after=rng.randint(30, 300)),
                region=practice.region,
                created_at=joined,
            )
        )
    ClientProfile.objects.bulk_create(profiles, batch_size=500)
    profiles = ClientProfile.objects.filter(user__in=users)
    CareTeamMember.objects.bulk_create(
        [CareTeamMember(client=p, clinician=clinician) for p in profiles], batch_size=500
    )
    texts = consent.texts()
    records = []
    for profile in profiles:
        own = texts[profile.age_band]
        agreed = [(own, profile.user, "in_app")]
        if profile.age_band == "child":
            agreed.append((texts["guardian"], clinician, "recorded"))
        for text, by, method in agreed:
            records.append(
                ConsentRecord(
                    client=profile, audience=text.audience, kind=text.kind,
                    version=text.version, given_by=by, method=method,
                    given_at=profile.created_at,
                )
            )  # fmt: skip
    ConsentRecord.objects.bulk_create(records, batch_size=500)
