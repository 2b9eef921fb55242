"""The groupwork panels other pages include: the facilitator's summary of a group, and the
participant's way in to it. Each checks again that the person looking belongs there, so an
include in the wrong place shows nothing rather than someone else's group."""

from __future__ import annotations

from django import template
from django.db.models import Count, Q

from kindling.groups.models import Registration
from kindling.groupwork.models import CheckInLink, GroupUnlock, PeerPost, PeerReport
from kindling.lib.access_groupwork import groups_led_by

register = template.Library()


@register.inclusion_tag("groupwork/panel_facilitator.html", takes_context=True)
def group_facilitator_panel(context, workshop):
    user = context.get("user")
    runs_it = bool(
        workshop is not None
        and workshop.follows_programme
        and groups_led_by(user).filter(pk=workshop.pk).exists()
    )
    if not runs_it:
        return {"show": False}
    counts = PeerPost.objects.filter(workshop=workshop).aggregate(
        waiting=Count("pk", filter=Q(status=PeerPost.Status.PENDING)),
        held=Count("pk", filter=Q(status=PeerPost.Status.HELD)),
    )
    reported = (
        PeerReport.objects.filter(post__workshop=workshop, resolved_at__isnull=True)
        .values("post")
        .distinct()
        .count()
    )
    return {
        "show": True,
        "workshop": workshop,
        "waiting": counts["waiting"],
        "held": counts["held"],
        "reported": reported,
        "opened": GroupUnlock.objects.filter(workshop=workshop).count(),
    }


@register.simple_tag
def groups_needing_a_look(user):
    """For a facilitator's Work page: each group they run with posts waiting to be read, held
    for safety or reported and not yet decided, and whether a report's reason may mean someone
    is at risk."""
    led = groups_led_by(user).annotate(
        held=Count("peer_posts", filter=Q(peer_posts__status=PeerPost.Status.HELD), distinct=True),
        waiting=Count(
            "peer_posts", filter=Q(peer_posts__status=PeerPost.Status.PENDING), distinct=True
        ),
    )
    open_reports = PeerReport.objects.filter(post__workshop__in=led, resolved_at__isnull=True)
    reported: dict[int, set] = {}
    at_risk: set[int] = set()
    for workshop_id, post_id, level in open_reports.values_list(
        "post__workshop_id", "post_id", "risk_level"
    ):
        reported.setdefault(workshop_id, set()).add(post_id)
        if level == "urgent":
            at_risk.add(workshop_id)
    return [
        {"workshop": w, "held": w.held, "waiting": w.waiting,
         "reported": len(reported.get(w.pk, ())), "at_risk": w.pk in at_risk}
        for w in led.order_by("title")
        if w.held or w.waiting or w.pk in reported
    ]  # fmt: skip


@register.inclusion_tag("groupwork/panel_participant.html", takes_context=True)
def group_participant_panel(context, workshop, registration):
    user = context.get("user")
    belongs = bool(
        workshop is not None
        and workshop.follows_programme
        and registration is not None
        and registration.status == Registration.Status.CONFIRMED
        and registration.workshop_id == workshop.pk
        and user is not None
        and user.is_authenticated
        and registration.user_id == user.pk
    )
    if not belongs:
        return {"show": False}
    waiting = CheckInLink.objects.filter(
        check_in__workshop=workshop,
        client__user=user,
        administration__completed_at__isnull=True,
        administration__withdrawn_at__isnull=True,
    ).exists()
    return {"show": True, "workshop": workshop, "check_in_waiting": waiting}
