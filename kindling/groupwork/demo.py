"""The demo practice's group work: the multi-week online group (made by the groups demo) has
stage 2 open, its "before" check-in answered by enough people for the average to show, two
shared peer posts and one waiting for the facilitator, and one post held for safety: a
participant with no clinician wrote words the screen reads as urgent, so the alert came to the
facilitator, Priya (her Work page lists it; its page shows why and what she might do). The held
post and its alert are made directly, without e-mail or the writer's calm page. Running it again
changes nothing.

The named demo people (Sam, Maya, ...) keep their own check-ins as the measures demo left them:
only the other participants' group check-ins are answered here."""

from __future__ import annotations

import random

from kindling.groups.models import Workshop
from kindling.measures import actions as measures
from kindling.program.content import load_programme

from . import actions
from .models import GroupCheckIn, GroupUnlock, PeerPost

# Held for safety (Kindling's own words): no rule of the group lets the others see it.
HELD_POST = (
    "Honestly everyone in my life would be better off without me. I don't know why I'm even "
    "posting this here."
)

POSTS = [
    # (approved?, anonymous?, words) — Kindling's own words.
    (True, False, "I noticed tonight that I spoke to myself the way I'd speak to my little "
                  "brother when he's upset. It felt strange, but a bit lighter."),
    (True, True, "Hearing others say the critic sounds like them too helped more than I "
                 "expected. I'm not the only one."),
    (False, False, "The soles of the feet practice got me through a hard meeting today."),
]  # fmt: skip


def _group(practice) -> Workshop | None:
    return (
        Workshop.objects.filter(
            practice=practice, follows_programme=True, cancelled_at__isnull=True,
            facilitator__isnull=False,
        )
        .select_related("facilitator", "practice")
        .order_by("pk")
        .first()
    )  # fmt: skip


def _answer(administration, rng: random.Random) -> None:
    instrument = administration.instrument
    lean = rng.uniform(2.0, 3.4)  # where this person starts, on the 1–5 scale
    answers = {}
    for item in instrument.items:
        value = lean if not item.reverse else 6 - lean
        answers[item.id] = max(1, min(5, round(value + rng.uniform(-1, 1))))
    measures.submit(administration, answers)


def load(practice, people) -> None:
    from kindling.lib import access

    workshop = _group(practice)
    if workshop is None:
        return
    facilitator = workshop.facilitator
    named = {user.pk for user in people.values()}
    rng = random.Random(11)

    second = load_programme().stages[1].id
    if not GroupUnlock.objects.filter(workshop=workshop, stage_id=second).exists():
        actions.unlock_stage(
            workshop, by=facilitator, stage_id=second,
            message="This week we practise being a friend to ourselves. Go gently.",
        )  # fmt: skip

    if not GroupCheckIn.objects.filter(workshop=workshop, phase="before").exists():
        check_in, _added = actions.open_check_in(workshop, by=facilitator, phase="before")
        for link in check_in.links.select_related("administration", "client").order_by("pk"):
            if link.client.user_id not in named and link.administration.is_open:
                _answer(link.administration, rng)

    if not PeerPost.objects.filter(workshop=workshop).exists():
        writers = [
            p for p in access.group_participants(workshop).select_related("user").order_by("pk")
            if p.user_id not in named
        ]  # fmt: skip
        for n, (approved, anonymous, words) in enumerate(POSTS):
            if not writers:
                break
            writer = writers[n % len(writers)]
            post = actions.write_post(
                workshop, writer, body=words,
                show_as=PeerPost.ShowAs.ANONYMOUS if anonymous else PeerPost.ShowAs.FIRST_NAME,
            )  # fmt: skip
            if approved:
                actions.approve(post, by=facilitator)
        # The held post's writer must have no clinician, so that its alert is the facilitator's.
        alone = [p for p in writers if not access.active_clinicians(p)]
        if alone:
            _held_for_safety(workshop, alone[-1])


def _held_for_safety(workshop: Workshop, writer) -> None:
    """A post the screen held, and the alert it raised for the facilitator (the writer has no
    clinician), as `actions.write_post` would leave them, an hour ago."""
    import datetime as dt

    from django.utils import timezone

    from kindling.safety.models import Alert
    from kindling.safety.screen import encode_matches, screen

    found = screen(HELD_POST)
    if found.level != "urgent":
        return  # a screen that no longer reads it as urgent: nothing to show
    raised = timezone.now() - dt.timedelta(hours=1)
    post = PeerPost.objects.create(
        workshop=workshop, author=writer.user, show_as=PeerPost.ShowAs.FIRST_NAME,
        body=HELD_POST, status=PeerPost.Status.HELD, risk_level=found.level,
        risk_about=found.about, created_at=raised,
    )  # fmt: skip
    Alert.objects.create(
        client=writer, level=found.level, about=found.about, source=Alert.Source.GROUP,
        source_id=f"peer-{post.pk}", detail=encode_matches(found.matches),
        rules_version=found.version, created_at=raised, notified_at=raised,
    )  # fmt: skip
