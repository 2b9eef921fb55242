"""Scoped look-ups for the public app: part of the one access layer (see access.py), kept in
its own module so each part reads on its own. access.py re-exports every name here.

Who reads enquiries: a practice's administrators and its active clinicians. An enquiry may say
why someone wants help, so it is health information and goes to as few people as can act on
it: administrators route enquiries and reply about times, and clinicians do the intake. Nobody
else in the practice (facilitators, researchers) and nobody outside it sees them.
"""

from __future__ import annotations

from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kindling.accounts.models import Practice, Role, User
from kindling.lib import audit
from kindling.lib.access_roles import active_roles, is_signed_in, practices_where

__all__: list[str] = [
    "ENQUIRY_ROLES",
    "enquiry_for",
    "enquiry_practice_for",
    "practices_taking_enquiries",
    "public_practice",
    "upcoming_public_workshops",
]

# The roles that read a practice's enquiries, first the one the audit trail names.
ENQUIRY_ROLES = (Role.PRACTICE_ADMIN, Role.CLINICIAN)


def public_practice(slug: str) -> Practice:
    """A practice's public pages: anyone may read them; an unknown address is a 404."""
    try:
        return Practice.objects.get(slug=slug)
    except (Practice.DoesNotExist, ValueError, TypeError):
        raise Http404("No such practice.") from None


def upcoming_public_workshops(practice: Practice):
    """Workshops anyone may see: published, not cancelled, with a session still to come,
    soonest first (annotated `next_start`)."""
    from kindling.groups.models import Workshop, WorkshopSession

    now = timezone.now()
    future = WorkshopSession.objects.filter(workshop=OuterRef("pk"), starts_at__gte=now)
    return (
        Workshop.objects.filter(practice=practice, is_published=True, cancelled_at__isnull=True)
        .filter(Exists(future))
        .annotate(next_start=Min("sessions__starts_at", filter=Q(sessions__starts_at__gte=now)))
        .order_by("next_start", "pk")
    )


def _enquiry_role(user: User, practice_id: int) -> str | None:
    if not is_signed_in(user):
        return None
    held = set(
        active_roles(user, *ENQUIRY_ROLES)
        .filter(practice_id=practice_id)
        .values_list("role", flat=True)
    )
    return next((role for role in ENQUIRY_ROLES if role in held), None)


def practices_taking_enquiries(user: User) -> QuerySet[Practice]:
    """Practices whose enquiries this person reads."""
    return practices_where(user, *ENQUIRY_ROLES)


def enquiry_practice_for(user: User, practice_id: int) -> tuple[Practice, str]:
    """The practice whose enquiry list this person may open, and the role they open it in."""
    try:
        practice = practices_taking_enquiries(user).get(pk=practice_id)
    except (Practice.DoesNotExist, ValueError, TypeError):
        raise Http404("No such practice.") from None
    return practice, _enquiry_role(user, practice.pk) or ""


def enquiry_for(user: User, practice_id: int, enquiry_id: int, *, record_view: bool = True):
    """One enquiry, read in full. Every opening is audited (a change to it is audited by the
    action that makes it, so it passes `record_view=False`)."""
    from kindling.public.models import Enquiry

    practice, role = enquiry_practice_for(user, practice_id)
    try:
        enquiry = Enquiry.objects.get(pk=enquiry_id, practice=practice)
    except (Enquiry.DoesNotExist, ValueError, TypeError):
        raise Http404("No such enquiry.") from None
    if record_view:
        audit.record("view", actor=user, role=role, practice_id=practice.pk, obj=enquiry)
    return enquiry
