"""The public app in a person's rights.

Only staff appear here by account: who last edited a public page, who marked an enquiry
handled. An enquirer has no account; the practice deletes their enquiry on request (or it goes
by itself a year after it was handled), see docs/public-site.md.
"""

from __future__ import annotations

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .models import Enquiry, SiteText


def export_public(user: User) -> tuple[str, object]:
    edited = SiteText.objects.filter(updated_by=user).order_by("updated_at")
    return "public_site", {
        "public_pages_you_last_edited": [
            {"page": t.key, "practice": t.practice.name, "when": t.updated_at.isoformat()}
            for t in edited.select_related("practice")
        ],
        "enquiries_you_marked_handled": Enquiry.objects.filter(handled_by=user).count(),
    }


def erase_public(client: ClientProfile) -> None:
    SiteText.objects.filter(updated_by=client.user_id).update(updated_by=None)
    Enquiry.objects.filter(handled_by=client.user_id).update(handled_by=None)


def register() -> None:
    rights.register(export_public, erase_public, "public.sitetext", "public.enquiry")
