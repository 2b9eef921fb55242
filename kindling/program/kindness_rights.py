"""The kindness plan in the client's copy of their data, and destroyed when they are erased."""

from __future__ import annotations

from django.utils.dates import WEEKDAYS

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .models.kindness import CalendarFeed, KindnessAct, KindnessMark


def export_kindness(user: User) -> tuple[str, object]:
    acts = KindnessAct.objects.filter(client__user=user).prefetch_related("marks")
    feeds = CalendarFeed.objects.filter(client__user=user).order_by("created_at")
    return "kindness_plan", {
        "acts": [
            {
                "what": act.text,
                "from_a_suggestion": act.from_suggestion,
                "days": [str(WEEKDAYS[day]) for day in act.days],
                "time": act.at_time.strftime("%H:%M") if act.at_time else "any time",
                "planned": act.created_at.isoformat(),
                "stopped": act.ended_at.isoformat() if act.ended_at else None,
                "marks": [{"on": m.on.isoformat(), "state": m.state} for m in act.marks.all()],
            }
            for act in acts.order_by("created_at", "pk")
        ],
        # The secret addresses themselves are not kept (only a hash), so only their dates.
        "calendar_addresses": [
            {
                "made": feed.created_at.isoformat(),
                "stopped": feed.revoked_at.isoformat() if feed.revoked_at else None,
            }
            for feed in feeds
        ],
    }


def erase_kindness(client: ClientProfile) -> None:
    KindnessMark.objects.filter(act__client=client).delete()
    rights.destroy_free_text(KindnessAct.objects.filter(client=client), ["text"])
    CalendarFeed.objects.filter(client=client).delete()


def register() -> None:
    rights.register(
        export_kindness,
        erase_kindness,
        "program.kindnessact",
        "program.kindnessmark",
        "program.calendarfeed",
    )
