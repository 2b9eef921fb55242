"""The client record's timeline and the progress report, built from what the care team may see:
questionnaire results, practice with before and after distress, entries the client shared,
session notes, alerts and opened stages. Takes a client already checked (and audited) by
access.client_for; looks nothing up by id on its own."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kindling.accounts.models import ClientProfile
from kindling.lib import access
from kindling.measures import schema
from kindling.measures.results import series_for
from kindling.program.content import load_programme


@dataclass
class Event:
    at: dt.datetime
    kind: str  # measure | practice | journal | note | alert | unlock
    title: str
    detail: str = ""
    attention: bool = False
    url: str = ""  # where the event can be opened, if anywhere


def _exercise_title(exercise_id: str) -> str:
    try:
        return load_programme().exercise(exercise_id).title
    except KeyError:
        return exercise_id


def timeline(client: ClientProfile, *, days: int = 120, limit: int = 40) -> list[Event]:
    since = timezone.now() - dt.timedelta(days=days)
    events: list[Event] = []
    for a in client.administrations.completed().filter(completed_at__gte=since):
        instrument = schema.get(a.instrument_id)
        total = a.scores.get(instrument.scoring.total.name)
        shown = f"{total:.2f}".rstrip("0").rstrip(".")
        band = f" ({a.band})" if a.band else ""
        events.append(Event(
            a.completed_at, "measure", instrument.short_title, f"{_('total')} {shown}{band}",
            attention=bool(a.safety_flags),
        ))  # fmt: skip
    for s in client.practice_sessions.filter(started_at__gte=since, finished_at__isnull=False):
        ratings = ""
        if s.before is not None or s.after is not None:
            ratings = _("distress %(b)s → %(a)s") % {
                "b": "–" if s.before is None else s.before,
                "a": "–" if s.after is None else s.after,
            }
        events.append(Event(s.started_at, "practice", _exercise_title(s.exercise_id), ratings,
                            attention=s.settling_offered))  # fmt: skip
    for e in access.journal_shared_with_care_team(client).filter(saved_at__gte=since):
        events.append(Event(e.saved_at, "journal", _("Shared a journal entry"), e.headline))
    for alert in client.alerts.filter(created_at__gte=since):
        state = _("acknowledged") if alert.acknowledged_at else _("open")
        events.append(Event(alert.created_at, "alert", _("Alert"),
                            f"{alert.headline} · {state}", attention=alert.is_open,
                            url=reverse("alert", args=[alert.pk])))  # fmt: skip
    stages = {s.id: s for s in load_programme().stages}
    for u in client.unlocks.filter(unlocked_at__gte=since):
        what = (
            _exercise_title(u.exercise_id)
            if u.exercise_id
            else stages[u.stage_id].title
            if u.stage_id in stages
            else u.stage_id
        )
        events.append(Event(u.unlocked_at, "unlock", _("Opened: %(what)s") % {"what": what}))
    from kindling.care.notes import recent_notes

    for note in recent_notes(client, limit=limit):
        moment = timezone.make_aware(
            dt.datetime.combine(note.session_date, dt.time(12)), timezone.get_current_timezone()
        )
        if moment >= since:
            events.append(Event(moment, "note", _("Session note"), note.headline))
    events.sort(key=lambda e: e.at, reverse=True)
    return events[:limit]


@dataclass
class Report:
    client: ClientProfile
    series: list
    stages_open: list[str]
    practice_count: int
    practice_minutes: int
    settling_offered: int
    before_after: tuple[float | None, float | None]
    entries: list
    made_at: dt.datetime


def report(client: ClientProfile, entry_ids: list[int]) -> Report:
    """A report for a case conference or referral. Journal entries appear only if the clinician
    ticked them, and only from those the client shared with the care team."""
    from kindling.program import pacing

    pace = pacing.pace_for(client)
    sessions = list(client.practice_sessions.filter(finished_at__isnull=False))
    befores = [s.before for s in sessions if s.before is not None]
    afters = [s.after for s in sessions if s.after is not None]
    shared = access.journal_shared_with_care_team(client)
    return Report(
        client=client,
        series=series_for(client.administrations.completed()),
        stages_open=[s.title for s in load_programme().stages if s.id in pace.open_stages],
        practice_count=len(sessions),
        practice_minutes=sum(s.minutes or 0 for s in sessions),
        settling_offered=sum(1 for s in sessions if s.settling_offered),
        before_after=(
            sum(befores) / len(befores) if befores else None,
            sum(afters) / len(afters) if afters else None,
        ),
        entries=list(shared.filter(pk__in=entry_ids).order_by("saved_at")),
        made_at=timezone.now(),
    )


def report_pdf(data: Report) -> bytes:
    """The same report as a PDF (fpdf2, core fonts): tables rather than charts."""
    from fpdf import FPDF

    def text(value) -> str:
        # The core fonts are Latin-1; anything else is shown as a close plain equivalent.
        value = str(value).replace("–", "-").replace("→", "->").replace("’", "'")
        return value.encode("latin-1", "replace").decode("latin-1")

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_title(text(_("Progress report")))
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, text(_("Progress report: %(name)s") % {"name": data.client.display_name}),
             new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_font("Helvetica", "", 10)
    made = f"{timezone.localtime(data.made_at):%d %b %Y}"
    pdf.cell(0, 6, text(f"{data.client.practice.name} · {made}"), new_x="LMARGIN",
             new_y="NEXT")  # fmt: skip
    pdf.ln(3)
    for series in data.series:
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, text(series.instrument.title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 9)
        with pdf.table(text_align="LEFT", col_widths=(28, 22, 30, 60)) as table:
            head = table.row()
            for label in (_("Answered"), _("Total"), _("Band"), _("Change since first")):
                head.cell(text(label))
            for row in series.rows:
                cells = table.row()
                cells.cell(text(f"{timezone.localtime(row.administration.completed_at):%d %b %Y}"))
                cells.cell(f"{row.total:.2f}")
                cells.cell(text(row.band or "-"))
                cells.cell(text(row.change or "-"))
        pdf.ln(2)
    pdf.set_font("Helvetica", "B", 12)
    pdf.cell(0, 8, text(_("Programme and practice")), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 10)
    before, after = data.before_after
    lines = [
        _("Open stages: %(s)s") % {"s": ", ".join(data.stages_open)},
        _("Practice sessions: %(n)s (%(m)s minutes)")
        % {"n": data.practice_count, "m": data.practice_minutes},
        _("Average distress before / after: %(b)s / %(a)s")
        % {"b": "-" if before is None else f"{before:.1f}",
           "a": "-" if after is None else f"{after:.1f}"},
        _("Times settling was offered: %(n)s") % {"n": data.settling_offered},
    ]  # fmt: skip
    for line in lines:
        pdf.multi_cell(0, 6, text(line), new_x="LMARGIN", new_y="NEXT")
    if data.entries:
        pdf.ln(2)
        pdf.set_font("Helvetica", "B", 12)
        pdf.cell(0, 8, text(_("Journal entries the client shared")), new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.set_font("Helvetica", "", 10)
        for entry in data.entries:
            pdf.multi_cell(0, 6, text(f"{timezone.localtime(entry.saved_at):%d %b %Y}"),
                           new_x="LMARGIN", new_y="NEXT")  # fmt: skip
            for label, value in entry.labelled_fields:
                pdf.multi_cell(0, 5, text(f"{label}: {value}" if label else value),
                               new_x="LMARGIN", new_y="NEXT")  # fmt: skip
            pdf.ln(1)
    return bytes(pdf.output())
