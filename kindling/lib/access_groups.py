"""Scoped look-ups for the groups app: part of the one access layer (see access.py), kept in
its own module so each part reads on its own. access.py re-exports every name here.

Who runs a workshop: an active facilitator of its practice (co-facilitators cover for each
other). Clinicians, researchers and practice administrators do not: the list of who came to a
self-compassion group is personal, and administrators run the practice, not its groups.
Participants see their own registrations; a guest opens theirs with the secret link from their
e-mail. The online meeting link is shown only on those pages and the facilitator's.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from kindling.accounts.models import Role, User, hash_token
from kindling.groups.models import Registration, Workshop
from kindling.lib import audit
from kindling.lib.access_roles import is_signed_in, practices_where

__all__: list[str] = [
    "confirmed_participants",
    "own_registration",
    "own_registrations",
    "published_workshop",
    "registration_for_token",
    "workshop_to_run",
    "workshops_led_by",
]


def workshops_led_by(user: User) -> QuerySet[Workshop]:
    """Workshops this person may run: every workshop of a practice where they are an active
    facilitator."""
    return Workshop.objects.filter(practice__in=practices_where(user, Role.FACILITATOR))


def workshop_to_run(user: User, workshop_id: int) -> Workshop:
    """A workshop with its registrations, for a facilitator of its practice. Audited."""
    try:
        workshop = (
            workshops_led_by(user).select_related("practice", "facilitator").get(pk=workshop_id)
        )
    except (Workshop.DoesNotExist, ValueError, TypeError):
        raise Http404("No such workshop.") from None
    audit.record(
        "view", actor=user, role=Role.FACILITATOR, practice_id=workshop.practice_id, obj=workshop
    )
    return workshop


def confirmed_participants(workshop: Workshop) -> QuerySet[Registration]:
    """The people holding a place, in booking order. `workshop` must come from
    workshop_to_run (or be the participant's own, from own_registration)."""
    return workshop.registrations.filter(status=Registration.Status.CONFIRMED).select_related(
        "user"
    )


def own_registrations(user: User) -> QuerySet[Registration]:
    if not is_signed_in(user):
        return Registration.objects.none()
    return Registration.objects.filter(user=user)


def own_registration(user: User, registration_id: int) -> Registration:
    try:
        return (
            own_registrations(user)
            .select_related("workshop", "workshop__practice")
            .get(pk=registration_id)
        )
    except (Registration.DoesNotExist, ValueError, TypeError):
        raise Http404("No such booking.") from None


def registration_for_token(token: str) -> Registration:
    """The booking a "manage my booking" link opens, with no login: the token is the key."""
    if not token or len(token) > 100:
        raise Http404("No such booking.")
    try:
        return Registration.objects.select_related("workshop", "workshop__practice").get(
            manage_token_hash=hash_token(token)
        )
    except (Registration.DoesNotExist, Registration.MultipleObjectsReturned):
        raise Http404("No such booking.") from None


def published_workshop(practice_slug: str, workshop_slug: str) -> Workshop:
    """A workshop on the practice's public pages (what anyone may read)."""
    try:
        return Workshop.objects.select_related("practice").get(
            practice__slug=practice_slug, slug=workshop_slug, is_published=True
        )
    except Workshop.DoesNotExist:
        raise Http404("No such workshop.") from None
