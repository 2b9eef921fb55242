"""A person's rights over their data: a copy of everything held about them, and erasure.

Each part of Kindling that keeps data about a person adds an exporter (what to give them) and,
for clients, an eraser (how to destroy it) to the lists below, so a new kind of record cannot be
forgotten by either: tests/test_rights.py checks every model that points at a person is covered.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.utils import timezone

from kindling.lib import audit
from kindling.lib.models import AuditEvent, ParkedDraft

from .models import (
    ClientProfile,
    ConsentRecord,
    ErasureRequest,
    GuardianLink,
    Invitation,
    User,
)

logger = logging.getLogger(__name__)

# --- Export ---------------------------------------------------------------------------------

Exporter = Callable[[User], tuple[str, object]]


def _account(user: User) -> tuple[str, object]:
    return "account", {
        "email": user.email,
        "name": user.name,
        "joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "two_step_login": Authenticator.objects.filter(user=user).exists(),
    }


def _client_profile(user: User) -> tuple[str, object]:
    profile = ClientProfile.objects.filter(user=user).select_related("practice").first()
    if profile is None:
        return "client_profile", None
    return "client_profile", {
        "preferred_name": profile.preferred_name,
        "date_of_birth": profile.date_of_birth.isoformat(),
        "age_group": profile.age_band,
        "region": profile.region,
        "practice": profile.practice.name,
        "care_team": [c.name for c in profile.care_team.order_by("name")],
        "guardians": [
            {"name": link.guardian.name, "relationship": link.relationship}
            for link in profile.guardian_links.select_related("guardian")
        ],
        "guardian_sees_only_what_you_share": profile.decides_what_guardian_sees,
        "consents": [
            {
                "kind": c.kind,
                "text": c.audience,
                "version": c.version,
                "given_at": c.given_at.isoformat(),
                "how": c.method,
            }
            for c in profile.consents.order_by("given_at")
        ],
    }


def _guardian_of(user: User) -> tuple[str, object]:
    links = GuardianLink.objects.filter(guardian=user).select_related("client")
    return "guardian_of", [
        {"young_person": link.client.display_name, "relationship": link.relationship}
        for link in links
    ]


def _record_visits(user: User) -> tuple[str, object]:
    names = dict(User.objects.values_list("pk", "name"))
    return "record_opened_by", [
        {
            "when": event.at.isoformat(),
            "who": names.get(event.actor_id, "someone who has left Kindling"),
            "role": event.actor_role,
        }
        for event in AuditEvent.objects.filter(subject_id=user.pk, action="view")
    ]


def _sign_ins(user: User) -> tuple[str, object]:
    return "sign_ins", [
        {"when": e.at.isoformat(), "what": e.action, "address": e.ip_address}
        for e in AuditEvent.objects.filter(
            Q(actor_id=user.pk) | Q(subject_id=user.pk),
            action__in=["login", "logout", "login_failed", "locked_out"],
        )
    ]


EXPORTERS: list[Exporter] = [_account, _client_profile, _guardian_of, _record_visits, _sign_ins]


def export_for(user: User) -> dict:
    """Everything Kindling holds about this person, decrypted, and nothing about anyone else."""
    data: dict = {
        "about": "Everything Kindling holds about you, as of the time below.",
        "exported_at": timezone.now().isoformat(),
    }
    for exporter in EXPORTERS:
        key, value = exporter(user)
        data[key] = value
    profile = ClientProfile.objects.filter(user=user).only("practice_id").first()
    audit.record(
        "export", actor=user, subject_id=user.pk, detail="own data",
        practice_id=profile.practice_id if profile else None,
    )  # fmt: skip
    return data


# --- Erasure ---------------------------------------------------------------------------------


def last_contact(client: ClientProfile) -> dt.date:
    """The client's own last contact with the service: joining, logging in, or something they
    did. Staff opening the record is not contact (it would restart the clock every time the
    clinician looks at the erasure request), nor is asking for a copy or for erasure."""
    moments = [client.created_at, client.user.date_joined]
    if client.user.last_login:
        moments.append(client.user.last_login)
    latest_event = (
        AuditEvent.objects.filter(actor_id=client.user_id)
        .exclude(action__in=["erase", "export", "logout"])
        .exclude(object_type="accounts.erasurerequest")
        .order_by("-at")
        .values("at")
        .first()
    )
    if latest_event:
        moments.append(latest_event["at"])
    return timezone.localtime(max(moments)).date()


def keep_until(client: ClientProfile) -> dt.date:
    return client.practice.keep_records_until(client.date_of_birth, last_contact(client))


@transaction.atomic
def request_erasure(client: ClientProfile) -> ErasureRequest:
    # Lock the client's row so two requests sent at once make one (IMMEDIATE transactions do
    # the same on SQLite).
    ClientProfile.objects.select_for_update().filter(pk=client.pk).first()
    existing = ErasureRequest.objects.filter(
        client_id=client.pk, state__in=[ErasureRequest.State.PENDING, ErasureRequest.State.HELD]
    ).first()
    if existing:
        return existing
    request = ErasureRequest.objects.create(client_id=client.pk, practice=client.practice)
    audit.record(
        "create", actor=client.user, practice_id=client.practice_id, obj=request,
        subject_id=client.user_id, detail="erasure requested",
    )  # fmt: skip
    return request


def open_erasure_request(client: ClientProfile) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(
        client_id=client.pk, state__in=[ErasureRequest.State.PENDING, ErasureRequest.State.HELD]
    ).first()


def destroy_free_text(queryset, fields: list[str]) -> None:
    # Overwrite before deleting, so the ciphertext is gone from the row itself, not only
    # unlinked from it (and SQLite's secure_delete zeroes the freed pages).
    queryset.update(**dict.fromkeys(fields, ""))
    queryset.delete()


Eraser = Callable[[ClientProfile], None]


def _erase_account_records(client: ClientProfile) -> None:
    user = client.user
    destroy_free_text(GuardianLink.objects.filter(client=client), ["relationship"])
    destroy_free_text(
        Invitation.objects.filter(email__iexact=user.email) | Invitation.objects.filter(
            for_client=client
        ),
        ["relationship"],
    )  # fmt: skip
    ConsentRecord.objects.filter(client=client).delete()
    # The Django admin's history names objects by their str(): it would keep the name.
    LogEntry.objects.filter(
        Q(user=user)
        | Q(content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk))
        | Q(content_type=ContentType.objects.get_for_model(ClientProfile), object_id=str(client.pk))
    ).delete()
    Authenticator.objects.filter(user=user).delete()
    destroy_free_text(ParkedDraft.objects.filter(user=user), ["data"])
    EmailAddress.objects.filter(user=user).delete()
    AccessAttempt.objects.filter(username__iexact=user.email).delete()
    AccessFailureLog.objects.filter(username__iexact=user.email).delete()
    AccessLog.objects.filter(username__iexact=user.email).delete()
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()


ERASERS: list[Eraser] = [_erase_account_records]

# Every model that points at a person, by label, once an exporter and eraser above handle it.
# tests/test_rights.py fails if a model points at a person and is not listed here.
COVERED: set[str] = {
    "accounts.clientprofile", "accounts.careteammember", "accounts.guardianlink",
    "accounts.consentrecord", "accounts.invitation", "accounts.membership",
    "account.emailaddress", "mfa.authenticator", "admin.logentry",
    "usersessions.usersession", "account.emailconfirmation", "lib.parkeddraft",
}  # fmt: skip


def register(exporter: Exporter, eraser: Eraser, *models: str) -> None:
    """An app's part in a person's rights: what to give them, how to destroy it, and which
    of its models that covers. Called from each app's AppConfig.ready."""
    if exporter not in EXPORTERS:
        EXPORTERS.append(exporter)
        ERASERS.append(eraser)
    COVERED.update(models)


class RetentionApplies(Exception):
    def __init__(self, until: dt.date):
        super().__init__(f"records must be kept until {until}")
        self.until = until


def confirm_erasure(request: ErasureRequest, clinician: User, client: ClientProfile) -> None:
    """Erase a client after the retention check: free text destroyed, everything else deleted.

    The audit trail keeps that it happened, by whom and when; never what was there. The
    caller has already checked the clinician is on the client's care team (access.client_for).
    """
    until = keep_until(client)
    today = timezone.localdate()
    if until > today:
        with transaction.atomic():
            ErasureRequest.objects.filter(pk=request.pk).update(
                state=ErasureRequest.State.HELD, keep_until=until,
                decided_by_id=clinician.pk, decided_at=timezone.now(),
            )  # fmt: skip
            audit.record(
                "update", actor=clinician, role="clinician", practice_id=client.practice_id,
                obj=request, subject_id=client.user_id,
                detail=f"erasure held: records kept until {until.isoformat()}",
            )  # fmt: skip
        raise RetentionApplies(until)
    with transaction.atomic():
        practice_id, user_id = client.practice_id, client.user_id
        for eraser in ERASERS:
            eraser(client)
        user = client.user
        client.delete()
        user.delete()
        ErasureRequest.objects.filter(pk=request.pk).update(
            state=ErasureRequest.State.DONE, decided_by_id=clinician.pk, decided_at=timezone.now()
        )
        audit.record(
            "erase", actor=clinician, role="clinician", practice_id=practice_id,
            object_type="accounts.erasurerequest", object_id=request.pk, subject_id=user_id,
            detail="client erased after the retention check",
        )  # fmt: skip
    _forget_old_page_copies()


def _forget_old_page_copies() -> None:
    """SQLite in WAL mode keeps earlier copies of changed pages in the -wal file until a
    checkpoint; fold them in and empty the file so erased text does not linger there.
    (PostgreSQL's old row versions are not dumped and are reclaimed by autovacuum.)"""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return  # inside a caller's transaction the checkpoint would fail; theirs commits later
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError:
        # Best effort: a long reader can hold the log; SQLite's own checkpoints follow soon.
        logger.warning("could not truncate the SQLite write-ahead log after an erasure")
