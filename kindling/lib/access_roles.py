"""Who someone is, for the access layer: signed in and active, and which practices they hold
a role in. Shared by access.py and the access_<app>.py modules, so the rule that an inactive
membership grants nothing is written once."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from kindling.accounts.models import Membership, Practice


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def active_roles(user, *roles: str) -> QuerySet[Membership]:
    """This person's active memberships in any of these roles."""
    return Membership.objects.filter(user=user, role__in=roles, is_active=True)


def practices_where(user, *roles: str) -> QuerySet[Practice]:
    """Practices where this person actively holds any of these roles."""
    if not is_signed_in(user):
        return Practice.objects.none()
    return Practice.objects.filter(
        Exists(active_roles(user, *roles).filter(practice=OuterRef("pk")))
    )
