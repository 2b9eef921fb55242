"""Sign-in events for the audit trail.

Each sign-in event is tied to the person's practice when they belong to exactly one (as staff, a
client, or a guardian of a client), so it shows in that practice's audit log. Someone in several
practices, or a login tried for an address with no account, is recorded without a practice; the
practice log finds the former through `access.audit_events_for_practice`.

A failed login or lock-out has no actor (nobody has proved who they are); when the login tried is
an account's address, that account is recorded as the event's subject.
"""

from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from . import audit


def _only_practice(user_id: int | None) -> int | None:
    from .access import practice_ids_of

    if user_id is None:
        return None
    practice_ids = practice_ids_of(user_id)
    return practice_ids.pop() if len(practice_ids) == 1 else None


def _account_tried(login: str) -> int | None:
    from kindling.accounts.models import User

    if not login:
        return None
    return User.objects.filter(email__iexact=login).values_list("pk", flat=True).first()


def _record_tried(action: str, request, tried: str) -> None:
    # Neither the password nor the address typed is kept: a known account is recorded by its id
    # (so it can be erased with the person), an unknown address only as that.
    account_id = _account_tried(tried)
    audit.record(
        action,
        request=request,
        practice_id=_only_practice(account_id),
        subject_id=account_id,
        detail="" if account_id else "an address with no account",
    )


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    audit.record("login", actor=user, request=request, practice_id=_only_practice(user.pk))


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit.record("logout", actor=user, request=request, practice_id=_only_practice(user.pk))


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    tried = str(credentials.get("email") or credentials.get("username") or "")[:100]
    _record_tried("login_failed", request, tried)


@receiver(user_locked_out)
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    _record_tried("locked_out", request, (username or "")[:100])


@receiver(authenticator_added)
@receiver(authenticator_removed)
@receiver(authenticator_reset)
def _mfa_changed(sender, request, user, authenticator, signal, **kwargs):
    what = {authenticator_added: "added", authenticator_removed: "removed"}.get(signal, "reset")
    audit.record(
        "mfa_change", actor=user, request=request, practice_id=_only_practice(user.pk),
        detail=f"{authenticator.type} {what}",
    )  # fmt: skip
