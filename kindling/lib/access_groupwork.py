"""Scoped look-ups for the groupwork app: part of the one access layer (see access.py), kept in
its own module so each part reads on its own. access.py re-exports every name here.

Group work lives only in workshops that follow the programme (multi-week groups).

| object | confirmed participant | the workshop's facilitator | anyone else |
|---|---|---|---|
| the group's page (`own_group`) | yes | (their own page instead) | 404 |
| the facilitator's page (`group_to_run`) | 404 | yes: the practice's active facilitators | 404 |
| an approved peer post | yes | yes | 404 |
| a pending or held peer post | their own only | yes (they read every post first) | 404 |
| who wrote an anonymous post | their own only | yes, for safety (the form says so) | no |
| one person's check-in answers | their own, on their check-ins page | never here | no |
| the group's check-in aggregate | no | only when at least 5 have answered | no |
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from kindling.accounts.models import ClientProfile, User
from kindling.groups.models import Registration, Workshop
from kindling.groupwork.models import PeerPost
from kindling.lib.access_groups import (
    confirmed_participants,
    own_registrations,
    workshops_led_by,
)
from kindling.lib.access_roles import is_signed_in

__all__ = [
    "group_members",
    "group_participants",
    "group_post_behind",
    "group_post_for_participant",
    "group_post_to_moderate",
    "group_to_run",
    "groups_led_by",
    "groups_of",
    "own_group",
    "peer_posts_seen_by_participant",
]


def groups_led_by(user: User) -> QuerySet[Workshop]:
    """Multi-week groups this person may run: the same rule as for any workshop
    (access_groups.workshops_led_by: every active facilitator of the practice, so
    co-facilitators cover for each other and posts never wait on someone who has left)."""
    return workshops_led_by(user).filter(follows_programme=True)


def group_to_run(user: User, workshop_id: int) -> Workshop:
    try:
        return groups_led_by(user).select_related("practice").get(pk=workshop_id)
    except (Workshop.DoesNotExist, ValueError, TypeError):
        raise Http404("No such group.") from None


def _confirmed(user: User) -> QuerySet[Registration]:
    return own_registrations(user).filter(status=Registration.Status.CONFIRMED)


def groups_of(user: User) -> QuerySet[Workshop]:
    """Multi-week groups this person has a confirmed place in (not waitlisted or cancelled)."""
    if not is_signed_in(user):
        return Workshop.objects.none()
    return Workshop.objects.filter(
        Exists(_confirmed(user).filter(workshop=OuterRef("pk"))),
        follows_programme=True,
        cancelled_at__isnull=True,
    )


def own_group(user: User, workshop_id: int) -> tuple[Workshop, Registration]:
    """A group, for one of its confirmed participants, with their registration."""
    try:
        workshop = groups_of(user).select_related("practice", "facilitator").get(pk=workshop_id)
    except (Workshop.DoesNotExist, ValueError, TypeError):
        raise Http404("No such group.") from None
    registration = _confirmed(user).filter(workshop=workshop).first()
    if registration is None:  # cancelled between the two queries
        raise Http404("No such group.")
    return workshop, registration


def group_members(workshop: Workshop) -> QuerySet[User]:
    """Everyone with a confirmed place. `workshop` must come from group_to_run or own_group."""
    return User.objects.filter(
        is_active=True, pk__in=confirmed_participants(workshop).values("user")
    )


def group_participants(workshop: Workshop) -> QuerySet[ClientProfile]:
    """Confirmed participants who are clients (who can take part in the programme, the check-in
    and peer sharing). `workshop` must come from group_to_run or own_group."""
    return ClientProfile.objects.filter(user__in=group_members(workshop).values("pk"))


def peer_posts_seen_by_participant(user: User, workshop: Workshop) -> QuerySet[PeerPost]:
    """What a participant sees: posts the facilitator approved, and their own (whatever their
    state, except the ones they took down). `workshop` must come from own_group."""
    return PeerPost.objects.filter(workshop=workshop).filter(
        Q(status=PeerPost.Status.APPROVED)
        | (Q(author=user) & ~Q(status=PeerPost.Status.REMOVED, decided_by=user))
    )


def group_post_for_participant(user: User, workshop_id: int, post_id: int) -> PeerPost:
    """One post a participant can see (to report it, or to take down their own)."""
    workshop, _registration = own_group(user, workshop_id)
    try:
        post = peer_posts_seen_by_participant(user, workshop).get(pk=post_id)
    except (PeerPost.DoesNotExist, ValueError, TypeError):
        raise Http404("No such post.") from None
    post.workshop = workshop
    return post


def group_post_to_moderate(user: User, workshop_id: int, post_id: int) -> PeerPost:
    """Any post in a group this person facilitates."""
    workshop = group_to_run(user, workshop_id)
    try:
        post = (
            PeerPost.objects.filter(workshop=workshop)
            .select_related("author", "author__client_profile")
            .get(pk=post_id)
        )
    except (PeerPost.DoesNotExist, ValueError, TypeError):
        raise Http404("No such post.") from None
    post.workshop = workshop
    return post


def group_post_behind(user: User, source: str, source_id: str) -> PeerPost | None:
    """The group post an alert came from ("group" alerts have source_id "peer-<pk>"), if this
    person runs that group and so may read it anyway; otherwise None."""
    if source != "group" or not source_id.startswith("peer-"):
        return None
    pk = source_id.removeprefix("peer-")
    if not pk.isdigit():
        return None
    return PeerPost.objects.filter(workshop__in=groups_led_by(user), pk=int(pk)).first()
