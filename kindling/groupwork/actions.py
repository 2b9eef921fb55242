"""Writes for group work, one function per intention: open a stage for the group, open the
group's check-in, write, approve, remove and report peer posts."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kindling.accounts.models import ClientProfile, User
from kindling.groups.models import Workshop
from kindling.lib import access, audit
from kindling.measures import actions as measures
from kindling.measures import schema
from kindling.measures.models import Administration, Assignment
from kindling.program.content import load_programme

from .models import (
    POST_MAX_CHARS,
    CheckInLink,
    GroupCheckIn,
    GroupUnlock,
    PeerPost,
    PeerReport,
)

CHECK_IN_INSTRUMENT = "scs-sf"
REPORT_MAX_CHARS = 500
FACILITATOR = "facilitator"


class GroupworkError(ValueError):
    """Something that cannot be done; the message says why, in plain words."""


# The group's pace -------------------------------------------------------------------------


def unlock_stage(workshop: Workshop, *, by: User, stage_id: str, message: str = "") -> GroupUnlock:
    """Open a stage's gentle and moderate exercises for every confirmed participant. Deeper
    exercises are never opened by a group: they need 1:1 care."""
    programme = load_programme()
    try:
        stage = programme.stage(stage_id)
    except KeyError:
        raise GroupworkError(_("There is no such part of the programme.")) from None
    if stage.id == programme.stages[0].id:
        raise GroupworkError(_("The first stage is always open to everyone."))
    try:
        with transaction.atomic():
            opened = GroupUnlock.objects.create(
                workshop=workshop, stage_id=stage.id, unlocked_by=by, message=message.strip()
            )
            audit.record(
                "group.unlock", actor=by, role=FACILITATOR, practice_id=workshop.practice_id,
                obj=opened, detail=stage.id,
            )  # fmt: skip
    except IntegrityError:
        raise GroupworkError(_("That stage is already open for this group.")) from None
    return opened


# The group's check-in ---------------------------------------------------------------------


def can_take_check_in(profile: ClientProfile) -> bool:
    return profile.age_band in schema.get(CHECK_IN_INSTRUMENT).audience.age_bands


def _due_check_in(profile: ClientProfile, check_in: GroupCheckIn, by: User) -> Administration:
    """The participant's SCS-SF check-in for this phase, in their own measures.

    - If they already have an SCS-SF assignment (from their clinician, or this group's "before"),
      it is used: an open check-in on it counts for the group too (brought forward to today if
      it was due later), so nobody answers the same questions twice in a week. An open one left
      over from this group's other phase is withdrawn and a fresh one made: "before" answers
      must not stand in for "after".
    - Otherwise a one-off assignment is made, as if by a clinician, and stays on their record
      (a clinician who wants a repeating SCS-SF ends it first, as for any other assignment).
    """
    today = profile.practice.today()
    assignment = Assignment.objects.filter(
        client=profile, instrument_id=CHECK_IN_INSTRUMENT, ended_at__isnull=True
    ).first()
    if assignment is None:
        assignment = measures.assign(
            profile, CHECK_IN_INSTRUMENT, by=by, role=FACILITATOR,
            message=_("A short check-in for your group. The facilitator sees only the group's "
                      "average, and only once at least five people have answered: never your "
                      "own answers."),
        )  # fmt: skip
    open_one = assignment.administrations.open().first()
    if open_one is not None:
        from_other_phase = CheckInLink.objects.filter(
            administration=open_one, check_in__workshop_id=check_in.workshop_id
        ).exclude(check_in=check_in)
        if not from_other_phase.exists():
            if open_one.due_on > today:
                Administration.objects.filter(pk=open_one.pk).update(due_on=today)
            return open_one
        Administration.objects.filter(pk=open_one.pk).update(withdrawn_at=timezone.now())
    return Administration.objects.create(
        assignment=assignment, client=profile, instrument_id=CHECK_IN_INSTRUMENT, due_on=today
    )


def open_check_in(workshop: Workshop, *, by: User, phase: str) -> tuple[GroupCheckIn, int]:
    """Give every participant who can take it a due check-in for this phase. Pressing it again
    invites people who joined since (and nobody twice). Returns the check-in and how many were
    newly invited."""
    if phase not in GroupCheckIn.Phase.values:
        raise GroupworkError(_("Choose the check-in before or after the group."))
    with transaction.atomic():
        # Two facilitators pressing at once: the second waits here, then finds the first's
        # links, so nobody is invited twice (a no-op on SQLite, whose writes already queue).
        Workshop.objects.select_for_update().filter(pk=workshop.pk).first()
        check_in, created = GroupCheckIn.objects.get_or_create(
            workshop=workshop, phase=phase, defaults={"opened_by": by}
        )
        if created:
            audit.record(
                "group.check_in", actor=by, role=FACILITATOR, practice_id=workshop.practice_id,
                obj=check_in, detail=phase,
            )  # fmt: skip
        already = set(check_in.links.values_list("client_id", flat=True))
        added = 0
        participants = access.group_participants(workshop).select_related("practice")
        for profile in participants:
            if profile.pk in already or not can_take_check_in(profile):
                continue
            administration = _due_check_in(profile, check_in, by)
            CheckInLink.objects.create(
                check_in=check_in, client=profile, administration=administration
            )
            added += 1
    return check_in, added


def answered_totals(check_in: GroupCheckIn) -> list[float]:
    """Each answered check-in's total, in the order they came in (for aggregate.py only)."""
    total = schema.get(check_in.instrument_id).scoring.total.name
    rows = (
        Administration.objects.filter(group_links__check_in=check_in, completed_at__isnull=False)
        .order_by("completed_at", "pk")
        .values_list("scores", flat=True)
    )
    return [float(scores[total]) for scores in rows if scores and total in scores]


# Peer sharing ------------------------------------------------------------------------------


def write_post(workshop: Workshop, profile: ClientProfile, *, body: str, show_as: str) -> PeerPost:
    """A participant's reflection: screened for risk in the same transaction, then waiting for
    the facilitator. Urgent words hold it for good (it is never shown to the group) and take the
    safety path; a concern waits like any other post, flagged to the facilitator."""
    from kindling.safety import pathway

    body = body.strip()
    if not body:
        raise GroupworkError(_("There's nothing to share yet. A sentence or two is plenty."))
    if len(body) > POST_MAX_CHARS:
        raise GroupworkError(
            _("Please keep it to %(max)s characters. Your words are still in the box.")
            % {"max": POST_MAX_CHARS}
        )
    if show_as not in PeerPost.ShowAs.values:
        raise GroupworkError(_("Choose how your post is signed."))
    with transaction.atomic():
        post = PeerPost.objects.create(
            workshop=workshop, author=profile.user, show_as=show_as, body=body
        )
        audit.record(
            "peer.post", actor=profile.user, role="client", practice_id=workshop.practice_id,
            obj=post, subject_id=profile.user_id,
        )  # fmt: skip
        outcome = pathway.text_saved(
            profile, body, source=pathway.Ref(f"peer-{post.pk}"), kind="group"
        )
        post.risk_level, post.risk_about = outcome.level, outcome.about
        if outcome.level == "urgent":
            post.status = PeerPost.Status.HELD
        post.save(update_fields=["risk_level", "risk_about", "status"])
    post.outcome = outcome  # for the page after (`pathway.page_after`); not stored
    return post


def _decide(post: PeerPost, *, by: User, to: str, allowed_from: list[str], action: str) -> bool:
    now = timezone.now()
    with transaction.atomic():
        changed = PeerPost.objects.filter(pk=post.pk, status__in=allowed_from).update(
            status=to, decided_by=by, decided_at=now
        )
        if changed:
            if to == PeerPost.Status.REMOVED:
                post.reports.filter(resolved_at__isnull=True).update(
                    resolved_at=now, resolved_by=by
                )
            audit.record(
                action, actor=by, role=FACILITATOR if by.pk != post.author_id else "client",
                practice_id=post.workshop.practice_id, obj=post, subject_id=post.author_id,
            )  # fmt: skip
    post.refresh_from_db()
    return bool(changed)


def approve(post: PeerPost, *, by: User) -> bool:
    """Share a waiting post with the group. A held post (urgent words) can never be shared."""
    if post.status == PeerPost.Status.HELD:
        raise GroupworkError(
            _("This post stays private: its words suggested its writer may not be safe.")
        )
    return _decide(
        post, by=by, to=PeerPost.Status.APPROVED, allowed_from=[PeerPost.Status.PENDING],
        action="peer.approve",
    )  # fmt: skip


def remove(post: PeerPost, *, by: User, by_author: bool = False) -> bool:
    """Take a post down (the facilitator, or its author). Open reports on it are resolved.
    A post held for risk stays where the facilitator can see it: its author cannot remove it
    (it is already seen by nobody else in the group)."""
    allowed = [PeerPost.Status.PENDING, PeerPost.Status.APPROVED]
    if not by_author:
        allowed.append(PeerPost.Status.HELD)
    return _decide(
        post, by=by, to=PeerPost.Status.REMOVED, allowed_from=allowed, action="peer.remove",
    )  # fmt: skip


def keep_after_report(post: PeerPost, *, by: User) -> int:
    """The facilitator has read the reports and the post stays: the reports are resolved."""
    with transaction.atomic():
        resolved = post.reports.filter(resolved_at__isnull=True).update(
            resolved_at=timezone.now(), resolved_by=by
        )
        if resolved:
            audit.record(
                "peer.keep", actor=by, role=FACILITATOR, practice_id=post.workshop.practice_id,
                obj=post, subject_id=post.author_id,
            )  # fmt: skip
    return resolved


def report(post: PeerPost, *, by: User, reason: str = "") -> PeerReport:
    """Anyone in the group can report a post they can see. Reporting twice keeps the first.

    The reason passes through the risk screen like any words a participant writes: a report
    that says someone is in danger raises an alert (about them, the gentler kind, for the
    reporter's care team, or the facilitators) and is marked for the facilitator. The report's
    `outcome` says where the reporter goes next (`pathway.page_after`)."""

    reason = reason.strip()
    if len(reason) > REPORT_MAX_CHARS:
        raise GroupworkError(
            _("Please keep it to %(max)s characters. Your words are still in the box.")
            % {"max": REPORT_MAX_CHARS}
        )
    existing = PeerReport.objects.filter(post=post, reporter=by).first()
    if existing is not None:
        return _again(existing, by, reason)
    try:
        with transaction.atomic():
            made = PeerReport.objects.create(post=post, reporter=by, reason=reason)
            audit.record(
                "peer.report", actor=by, role="client", practice_id=post.workshop.practice_id,
                obj=post, subject_id=post.author_id,
            )  # fmt: skip
            made.outcome = _screen_report(made, by, made.reason)
    except IntegrityError:  # the same report sent twice at once
        existing = PeerReport.objects.get(post=post, reporter=by)
        return _again(existing, by, reason)
    return made


def _again(existing: PeerReport, by: User, reason: str) -> PeerReport:
    """A second report of the same post keeps the first, but its words are still screened:
    risk in them is never dropped."""
    from kindling.safety import pathway

    existing.outcome = pathway.NONE
    if reason and reason != existing.reason:
        with transaction.atomic():
            existing.outcome = _screen_report(existing, by, reason, again=True)
    return existing


def _screen_report(made: PeerReport, by: User, reason: str, *, again: bool = False):
    from kindling.safety import pathway
    from kindling.safety.models import Alert
    from kindling.safety.screen import higher, screen

    if not reason:
        return pathway.NONE
    found = screen(reason)
    profile = ClientProfile.objects.filter(user=by).first()
    ref = f"report-{made.pk}-again" if again else f"report-{made.pk}"
    if profile is not None:
        outcome = pathway.text_saved(
            profile, reason, source=pathway.Ref(ref), kind="group", found=found
        )
    else:
        # A participant with no client record (a workshop guest): no alert can be addressed to
        # them, so the report itself carries the flag to the facilitator who reads it, and
        # urgent words are e-mailed to the facilitator at once, saying nothing more.
        outcome = pathway.Outcome(found.level, found.about)
        facilitator = made.post.workshop.facilitator
        if found.needs_help_now and facilitator is not None and facilitator.email:
            pathway.tell(
                [facilitator.email], urgent=True, to_facilitators=True, purpose="report",
                ref=str(made.pk),
            )  # fmt: skip
    # Someone else may be at risk: most often the post's author. Their own care team is told
    # too (the reporter's team, above, may not know them), without opening the author's calm
    # page for words they did not write and without naming the reporter. The alert is the
    # post's, not the report's: while it waits, a second member worried about the same post
    # does not raise (or e-mail) it again; the facilitator reads every report.
    author = ClientProfile.objects.filter(user_id=made.post.author_id).first()
    if found.level != "none" and found.about != "self" and author and author.user_id != by.pk:
        pathway.raise_alert(
            author, level=found.level, about=Alert.About.UNCLEAR, source=Alert.Source.REPORT,
            source_id=f"post-{made.post_id}", matches=found.matches,
            rules_version=found.version, calm_page=False, tell=found.tell,
        )  # fmt: skip
    if higher(outcome.level, than=made.risk_level):
        made.risk_level, made.risk_about = outcome.level, outcome.about
        made.save(update_fields=["risk_level", "risk_about"])
    return outcome
