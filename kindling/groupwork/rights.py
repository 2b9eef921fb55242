"""A person's group work in their copy of their data, and destroyed when they are erased.

Staff who opened a stage, opened a check-in or decided on a post are kept only as a link that
empties when their account goes (SET_NULL); nothing of theirs is personal data here."""

from __future__ import annotations

from kindling.accounts import rights
from kindling.accounts.models import ClientProfile, User

from .models import CheckInLink, PeerPost, PeerReport


def export_groupwork(user: User) -> tuple[str, object]:
    posts = PeerPost.objects.filter(author=user).select_related("workshop").order_by("created_at")
    reports = (
        PeerReport.objects.filter(reporter=user).select_related("post__workshop")
        .order_by("created_at")
    )  # fmt: skip
    links = (
        CheckInLink.objects.filter(client__user=user).select_related("check_in__workshop")
        .order_by("check_in__opened_at")
    )  # fmt: skip
    return "group_work", {
        "peer_posts": [
            {"group": p.workshop.title, "written": p.created_at.isoformat(), "text": p.body,
             "signed": p.get_show_as_display(), "state": p.get_status_display()}
            for p in posts
        ],
        "posts_you_reported": [
            {"group": r.post.workshop.title, "reported": r.created_at.isoformat(),
             "your_reason": r.reason}
            for r in reports
        ],
        "group_check_ins": [
            {"group": link.check_in.workshop.title, "which": link.check_in.get_phase_display(),
             "opened": link.check_in.opened_at.isoformat()}
            for link in links
        ],
    }  # fmt: skip


def erase_groupwork(client: ClientProfile) -> None:
    user = client.user
    theirs = PeerPost.objects.filter(author=user)
    rights.destroy_free_text(PeerReport.objects.filter(post__in=theirs), ["reason"])
    rights.destroy_free_text(theirs, ["body"])
    rights.destroy_free_text(PeerReport.objects.filter(reporter=user), ["reason"])
    CheckInLink.objects.filter(client=client).delete()


def register() -> None:
    rights.register(
        export_groupwork, erase_groupwork,
        "groupwork.peerpost", "groupwork.peerreport", "groupwork.checkinlink",
        "groupwork.groupcheckin", "groupwork.groupunlock",
    )  # fmt: skip
