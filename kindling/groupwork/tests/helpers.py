"""A multi-week group in the test scene: Fran facilitates; Sam (who has Dr Ruth), Maya (14,
Dr Ruth) and Leo (10) have places, plus any extra adults without a clinician."""

from __future__ import annotations

from django.utils import timezone

from kindling.accounts import actions, consent
from kindling.accounts.demo import birth_date
from kindling.accounts.models import User
from kindling.groups.models import Registration, Workshop


def make_group(scene, *, extra_adults: int = 0, follows_programme: bool = True) -> Workshop:
    workshop = Workshop.objects.create(
        practice=scene.harbour, slug="eight-weeks", title="Eight weeks of kindness",
        capacity=20, facilitator=scene.fran, follows_programme=follows_programme,
    )  # fmt: skip
    for person in (scene.sam, scene.maya, scene.leo):
        register(workshop, person)
    for n in range(extra_adults):
        register(workshop, extra_adult(scene, n))
    return workshop


def extra_adult(scene, n: int) -> User:
    user = actions.create_user(f"member{n}@example.test", None, name=f"Member{n} Person")
    profile = actions.enrol_client(
        user, scene.harbour, date_of_birth=birth_date(30 + n), clinicians=[]
    )
    actions.give_consent(profile, user, consent.own_text_for(profile).audience)
    return user


def register(workshop: Workshop, user: User, status: str = "confirmed") -> Registration:
    now = timezone.now()
    return Registration.objects.create(
        workshop=workshop, user=user, name=user.name, email=user.email, status=status,
        confirmed_at=now if status == "confirmed" else None,
    )  # fmt: skip
