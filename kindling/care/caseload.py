"""The caseload, built in a fixed number of queries however many clients there are.

One query for the page of clients with everything that can be computed in SQL (last activity,
flags, next appointment) as annotations, one for the count, one each to prefetch the page's
stage unlocks and self-compassion results. Sorting, filtering and searching happen in the
database, and a page holds at most PER_PAGE rows, so 1,000 clients cost what 50 do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import (
    Count,
    DateTimeField,
    Exists,
    F,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from kindling.accounts.models import ClientProfile, add_years
from kindling.measures.models import Administration
from kindling.measures.scoring import reliable_change
from kindling.program.content import load_programme
from kindling.program.models import JournalEntry, PracticeSession, Unlock

PER_PAGE = 50
QUIET_AFTER = dt.timedelta(days=21)
WAITING_AFTER = dt.timedelta(days=7)
SELF_COMPASSION = ("scs-sf", "scs")
SORTS = {
    "name": ("preferred_name", "user__name"),
    "activity": (F("last_activity").desc(nulls_last=True), "preferred_name"),
    "quiet": (F("last_activity").asc(nulls_first=True), "preferred_name"),
    "appointment": (F("next_appointment").asc(nulls_last=True), "preferred_name"),
}
LONG_AGO = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def _latest(model, field: str, **extra) -> Subquery:
    rows = model.objects.filter(client=OuterRef("pk"), **extra).order_by()
    return Subquery(
        rows.values("client").annotate(latest=Max(field)).values("latest")[:1],
        output_field=DateTimeField(),
    )


def annotated(clients: QuerySet[ClientProfile]) -> QuerySet[ClientProfile]:
    now = timezone.now()
    from kindling.care.models import Appointment
    from kindling.safety.models import Alert

    moments = [
        Coalesce(_latest(PracticeSession, "started_at"), Value(LONG_AGO)),
        Coalesce(_latest(JournalEntry, "updated_at"), Value(LONG_AGO)),
        Coalesce(_latest(Administration, "completed_at"), Value(LONG_AGO)),
    ]
    next_appointment = Subquery(
        Appointment.objects.filter(
            client=OuterRef("pk"), cancelled_at__isnull=True, starts_at__gte=now
        )
        .order_by()
        .values("client")
        .annotate(first=Min("starts_at"))
        .values("first")[:1],
        output_field=DateTimeField(),
    )
    return clients.annotate(
        last_activity=Greatest(*moments),
        practice_flags=Count(
            "practice_sessions",
            filter=Q(
                practice_sessions__settling_offered=True,
                practice_sessions__flag_seen_at__isnull=True,
            ),
            distinct=True,
        ),
        open_alerts=Exists(
            Alert.objects.filter(client=OuterRef("pk"), acknowledged_at__isnull=True)
        ),
        waiting_check_in=Exists(
            Administration.objects.open().filter(
                client=OuterRef("pk"), due_on__lte=(now - WAITING_AFTER).date()
            )
        ),
        next_appointment=next_appointment,
    )


@dataclass
class Row:
    client: ClientProfile
    stage: int
    last_activity: dt.datetime | None
    score: float | None
    trend: list[float]
    change: str | None
    flags: list[str]
    next_appointment: dt.datetime | None


def _row(client: ClientProfile, now: dt.datetime) -> Row:
    programme = load_programme()
    numbers = {s.id: s.number for s in programme.stages}
    stage = max([1, *(numbers.get(u.stage_id, 1) for u in client.page_unlocks)])
    results = client.page_results
    totals = [a.scores.get("total") for a in results if a.scores]
    change = None
    if len(results) > 1:
        change = reliable_change(results[0].instrument, totals[0], totals[-1])
    last = client.last_activity if client.last_activity != LONG_AGO else None
    flags = []
    if client.open_alerts:
        flags.append("alert")
    if client.practice_flags:
        flags.append("distress")
    if client.waiting_check_in:
        flags.append("waiting")
    if last is None:
        flags.append("not_started")
    elif now - last > QUIET_AFTER:
        flags.append("quiet")
    return Row(
        client=client, stage=stage, last_activity=last,
        score=totals[-1] if totals else None, trend=totals[-6:], change=change, flags=flags,
        next_appointment=client.next_appointment,
    )  # fmt: skip


def page_of(
    clients: QuerySet[ClientProfile], *, sort: str = "name", band: str = "", search: str = "",
    needs_look: bool = False, page: str | int = 1,
):  # fmt: skip
    """(page object, rows) for one page of the caseload."""
    clients = annotated(clients.select_related("user"))
    if search:
        clients = clients.filter(
            Q(preferred_name__icontains=search) | Q(user__name__icontains=search)
        )
    if band in ("child", "teen", "adult"):
        # By date of birth, in the database: 13th and 18th birthdays are the band edges.
        today = timezone.localdate()
        turned_13, turned_18 = add_years(today, -13), add_years(today, -18)
        clients = clients.filter(
            {"child": Q(date_of_birth__gt=turned_13),
             "teen": Q(date_of_birth__gt=turned_18, date_of_birth__lte=turned_13),
             "adult": Q(date_of_birth__lte=turned_18)}[band]
        )  # fmt: skip
    if needs_look:
        clients = clients.filter(
            Q(open_alerts=True) | Q(practice_flags__gt=0) | Q(waiting_check_in=True)
        )
    clients = clients.order_by(*SORTS.get(sort, SORTS["name"]))
    paginator = Paginator(clients, PER_PAGE)
    chosen = paginator.get_page(page)
    on_page = list(chosen.object_list)
    ids = [c.pk for c in on_page]
    unlocks: dict[int, list] = {}
    for unlock in Unlock.objects.filter(client_id__in=ids, exercise_id=""):
        unlocks.setdefault(unlock.client_id, []).append(unlock)
    results: dict[int, list] = {}
    for administration in (
        Administration.objects.completed()
        .filter(client_id__in=ids, instrument_id=SELF_COMPASSION[0])
        .order_by("completed_at")
        .only("client_id", "instrument_id", "scores", "completed_at")
    ):
        results.setdefault(administration.client_id, []).append(administration)
    now = timezone.now()
    rows = []
    for client in on_page:
        client.page_unlocks = unlocks.get(client.pk, [])
        client.page_results = results.get(client.pk, [])
        rows.append(_row(client, now))
    return chosen, rows


__all__ = ["PER_PAGE", "page_of"]
