"""The people every test can meet.

Harbour Light Psychology: Dr Ruth (clinician, cares for Sam, Maya and Leo), Dr Priya (a
clinician on no one's care team), Fran (facilitator), Rhea (researcher), Adam (practice admin).
Sam is an adult client, Maya is 14 and her mum Jo is her guardian, Leo is 10. Dr Gone was Leo's
clinician but has left the practice (membership inactive, care-team seat never tidied).
Elsewhere Clinic: Dr Omar (clinician), Olive (practice admin) and their client Zed — none of
whom may see anything at Harbour Light, nor Harbour Light anything of theirs.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.test import Client

from kindling.accounts import actions, consent
from kindling.accounts.demo import birth_date
from kindling.accounts.models import ClientProfile, Membership, Practice, Role, User

# Every staff member in the scene has two-step login set up with this secret.
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


@dataclass
class Scene:
    harbour: Practice
    elsewhere: Practice
    ruth: User
    priya: User
    fran: User
    rhea: User
    adam: User
    gone: User
    sam: User
    maya: User
    jo: User
    leo: User
    omar: User
    olive: User
    zed: User

    def people(self) -> dict[str, User]:
        return {name: value for name, value in vars(self).items() if isinstance(value, User)}

    def clients(self) -> dict[str, ClientProfile]:
        return {
            name: user.client_profile
            for name, user in self.people().items()
            if hasattr(user, "client_profile")
        }


def _user(email: str, name: str) -> User:
    # No password: tests log in with force_login, so Argon2's deliberate slowness is not paid
    # hundreds of times. The tests of logging in itself use real passwords.
    return actions.create_user(email, None, name=name)


def make_scene() -> Scene:
    harbour = Practice.objects.create(name="Harbour Light Psychology", slug="harbour")
    elsewhere = Practice.objects.create(name="Elsewhere Clinic", slug="elsewhere", region="UK")
    people = {
        "ruth": _user("ruth@harbour.test", "Dr Ruth Adeyemi"),
        "priya": _user("priya@harbour.test", "Dr Priya Rao"),
        "fran": _user("fran@harbour.test", "Fran Lee"),
        "rhea": _user("rhea@harbour.test", "Rhea Moss"),
        "adam": _user("adam@harbour.test", "Adam Park"),
        "gone": _user("gone@harbour.test", "Dr Gone Away"),
        "sam": _user("sam@example.test", "Sam Taylor"),
        "maya": _user("maya@example.test", "Maya Kowalski"),
        "jo": _user("jo@example.test", "Jo Kowalski"),
        "leo": _user("leo@example.test", "Leo Martin"),
        "omar": _user("omar@elsewhere.test", "Dr Omar Haddad"),
        "olive": _user("olive@elsewhere.test", "Olive Grant"),
        "zed": _user("zed@example.test", "Zed Okafor"),
    }
    p = people
    for name, role in [
        ("ruth", Role.CLINICIAN),
        ("priya", Role.CLINICIAN),
        ("fran", Role.FACILITATOR),
        ("rhea", Role.RESEARCHER),
        ("adam", Role.PRACTICE_ADMIN),
        ("gone", Role.CLINICIAN),
    ]:
        actions.add_staff(p[name], harbour, role)
    actions.add_staff(p["omar"], elsewhere, Role.CLINICIAN)
    actions.add_staff(p["olive"], elsewhere, Role.PRACTICE_ADMIN)

    actions.enrol_client(p["sam"], harbour, date_of_birth=birth_date(34), clinicians=[p["ruth"]])
    actions.enrol_client(
        p["maya"],
        harbour,
        date_of_birth=birth_date(14),
        clinicians=[p["ruth"]],
        preferred_name="Maya",
    )
    actions.enrol_client(
        p["leo"], harbour, date_of_birth=birth_date(10), clinicians=[p["ruth"], p["gone"]]
    )
    actions.enrol_client(p["zed"], elsewhere, date_of_birth=birth_date(15), clinicians=[p["omar"]])
    actions.link_guardian(p["jo"], p["maya"].client_profile, "mum")
    Membership.objects.filter(user=p["gone"]).update(is_active=False)
    for name in ("ruth", "priya", "fran", "rhea", "adam", "gone", "omar", "olive"):
        TOTP.activate(p[name], STAFF_TOTP_SECRET)
    # Everyone has agreed to the current texts (Leo's mum signed on paper; Dr Ruth recorded it),
    # so tests meet the programme, not the consent page; test_consent.py starts from scratch.
    for name in ("sam", "maya", "leo", "zed"):
        profile = p[name].client_profile
        actions.give_consent(profile, p[name], consent.own_text_for(profile).audience)
    actions.give_consent(p["leo"].client_profile, p["ruth"], "guardian", method="recorded")
    for user in p.values():
        user.refresh_from_db()
    return Scene(harbour=harbour, elsewhere=elsewhere, **p)


@pytest.fixture
def scene(db) -> Scene:
    return make_scene()


def signed_in(user) -> Client:
    """A test client already logged in as this person (no password, no second step: tests of
    logging in itself use the real forms)."""
    browser = Client()
    browser.force_login(user)
    return browser
