"""The one path every sign of risk takes: free text when it is saved, a distress rating of 9 or
10, a PHQ-9 item 9 answer above 0. Callers hand over what happened; this module decides what
follows, so no part of Kindling decides on its own that something is not risk.

- urgent, about the client (or unclear whose): an urgent alert for the care team (e-mailed,
  with no health detail in the e-mail) and a calm page for the client at once, with crisis help
  and their safety plan, which closes only when they say they are safe right now or call a line;
- about someone else (a parent, a friend): a gentler alert ("a family member may be at risk")
  and support meant for the young person, never a label on them;
- a concern about the client: an alert on the caseload, not e-mailed (unless it is a few words
  the statistical model read as urgent but was not sure of: then the care team is e-mailed);
- a client with no clinician: the alert goes to the practice's facilitators.
Every alert stays until a clinician acknowledges it with a note of what was done.
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from kindling.accounts.models import ClientProfile, User
from kindling.lib import audit, outbox

from .models import Alert, SafetyCheck
from .screen import encode_matches

logger = logging.getLogger(__name__)

DISTRESS_URGENT_AT = 9


@dataclass(frozen=True)
class Outcome:
    level: str  # none | concern | urgent
    about: str  # self | other | unclear
    alert: Alert | None = None
    check: SafetyCheck | None = None
    # A concern the rules mark `tell` about the writer (danger at home): the client is shown
    # support for themselves, and the care team is e-mailed.
    unsafe_at_home: bool = False

    @property
    def support_for_young_person(self) -> bool:
        return self.about == "other" and self.level != "none"


NONE = Outcome("none", "self")


@dataclass(frozen=True)
class Ref:
    """An alert's source id for words that are not a row of their own kind, or that share a
    source with other kinds: "kindness-3" is never mistaken for check-in note 3."""

    pk: str


def page_after(outcome: Outcome) -> str | None:
    """Where a client goes after saving words the screen flagged: the calm page for urgent risk
    about them (or unclear whose), support for someone worried about another person, or
    nowhere new."""
    if outcome.check is not None or (outcome.level == "urgent" and outcome.about != "other"):
        return "safety_check"
    if outcome.unsafe_at_home:
        return "safety_support_you"
    if outcome.support_for_young_person:
        return "safety_support"
    return None


def _notify(alert: Alert, *, soon: bool) -> None:
    """Queue the e-mail to the people who must look, in the alert's own transaction: if the
    mail server is down it waits in the outbox and `kindling run-due` sends it later."""
    from kindling.lib.access import active_clinicians, alert_recipients

    people = [p.email for p in alert_recipients(alert.client)]
    # No active clinician: the practice's facilitators are told, and they see alerts on their
    # Work page, not a caseload.
    to_facilitators = not active_clinicians(alert.client)
    if not people:
        logger.error("alert %s has nobody to notify", alert.pk)
        return
    tell(
        people, urgent=soon, to_facilitators=to_facilitators,
        purpose="alert", ref=str(alert.pk),
    )  # fmt: skip


def tell(people: list[str], *, urgent: bool, to_facilitators: bool, purpose: str, ref: str):
    """Queue the e-mail that says something needs a look, and nothing else: no name, no health
    detail. Alerts use it, and so does risk that can raise no alert (a guest's report)."""
    message = EmailMessage(
        subject=_("Kindling: please check your Work page")
        if to_facilitators
        else _("Kindling: please check your caseload"),
        body=render_to_string(
            "safety/email/alert.txt", {"urgent": urgent, "to_facilitators": to_facilitators}
        ),
        to=people,
    )
    outbox.send(message, purpose=purpose, ref=ref)


def _alert_mail_sent(ref: str) -> None:
    Alert.objects.filter(pk=int(ref), notified_at__isnull=True).update(notified_at=timezone.now())


def register_outbox_hook() -> None:
    outbox.on_sent("alert", _alert_mail_sent)


def raise_alert(
    client: ClientProfile, *, level: str, about: str, source: str, source_id="", matches=(),
    rules_version: str = "", tell: bool = False, calm_page: bool = True,
) -> Outcome:  # fmt: skip
    """Raise (or find, if the same words are still waiting) an alert for the client's care team.
    `calm_page=False` for words the client did not write (someone else's report of their post):
    the team is told, but the client's own calm page is not opened by another person's words."""
    about = about if about in Alert.About.values else Alert.About.UNCLEAR
    with transaction.atomic():
        # Saving the same words again does not raise a second alert (or e-mail): the first is
        # still waiting. The client still sees their calm page again.
        alert = Alert.objects.filter(
            client=client, source=source, source_id=str(source_id), level=level, about=about,
            acknowledged_at__isnull=True,
        ).first() if source_id != "" else None  # fmt: skip
        if alert is not None:
            check = _open_check(client, alert, level, about) if calm_page else None
            return Outcome(level, about, alert, check)
        alert = Alert.objects.create(
            client=client, level=level, about=about, source=source, source_id=str(source_id),
            detail=encode_matches(matches), rules_version=rules_version,
        )  # fmt: skip
        audit.record(
            "alert.raise", practice_id=client.practice_id, obj=alert, subject_id=client.user_id,
            detail=f"{level}/{about} from {source}",
        )  # fmt: skip
        check = _open_check(client, alert, level, about) if calm_page else None
        if level == "urgent" or about == "other" or tell:
            _notify(alert, soon=level == "urgent" or tell)
    return Outcome(level, about, alert, check)


def _open_check(client, alert, level, about) -> SafetyCheck | None:
    """The client's calm page: opened for urgent risk about them (or unclear whose), once."""
    if level != "urgent" or about not in ("self", "unclear"):
        return None
    already = client.safety_checks.filter(closed_at__isnull=True).first()
    return already or SafetyCheck.objects.create(client=client, alert=alert)


def distress_rated(client: ClientProfile, rating: int, *, source) -> Outcome:
    if rating < DISTRESS_URGENT_AT:
        return NONE
    return raise_alert(
        client, level="urgent", about="self", source=Alert.Source.DISTRESS, source_id=source.pk
    )


def text_saved(
    client: ClientProfile, text: str, *, source, kind: str = "journal", found=None
) -> Outcome:
    """Screen words the client wrote (or take `found`, the screening already made of them)."""
    from .screen import MODEL_RULE, screen

    found = found if found is not None else screen(text)
    if found.level == "none":
        return Outcome(found.level, found.about)
    # A few words the model read as urgent but was not sure of become a concern (no crisis page
    # for the client), and the care team is e-mailed about it as for urgent risk.
    unsure = any(m.rule == MODEL_RULE and m.level == "concern" for m in found.matches)
    # Danger at home (a `tell` rule) is a concern, not the crisis page, but the team is told
    # at once.
    outcome = raise_alert(
        client, level=found.level, about=found.about, source=kind, source_id=source.pk,
        matches=found.matches, rules_version=found.version, tell=unsure or found.tell,
    )  # fmt: skip
    if found.tell and found.level == "concern" and found.about != "other":
        outcome = dataclasses.replace(outcome, unsafe_at_home=True)
    return outcome


def measure_flagged(client: ClientProfile, administration) -> Outcome:
    """A safety flag on a questionnaire (PHQ-9 item 9 above 0) takes the urgent path."""
    return raise_alert(
        client, level="urgent", about="self", source=Alert.Source.MEASURE,
        source_id=administration.pk,
    )  # fmt: skip


def close_check(client: ClientProfile, how: str) -> None:
    """Close the client's calm page (every open one, from any device or source at once). The
    alerts stay open for the care team."""
    with transaction.atomic():
        open_checks = list(client.safety_checks.filter(closed_at__isnull=True))
        SafetyCheck.objects.filter(pk__in=[c.pk for c in open_checks]).update(
            closed_at=timezone.now(), closed_how=how
        )
        for check in open_checks:
            audit.record(
                "safety.check_closed", practice_id=client.practice_id, obj=check,
                subject_id=client.user_id, detail=how,
            )  # fmt: skip


def acknowledge(alert: Alert, *, by: User, role: str, note: str) -> bool:
    with transaction.atomic():
        changed = Alert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(
            acknowledged_at=timezone.now(), acknowledged_by=by, action_note=note.strip()
        )
        if changed:
            audit.record(
                "alert.acknowledge", actor=by, role=role,
                practice_id=alert.client.practice_id, obj=alert,
                subject_id=alert.client.user_id,
            )  # fmt: skip
    return bool(changed)
