"""Writes about people: one function per intention, each doing the whole change.

Views and commands call these; they never write the account models directly.
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kindling.lib import access, audit

from .models import (
    STAFF_ROLES,
    CareTeamMember,
    ClientProfile,
    ConsentRecord,
    GuardianLink,
    Invitation,
    Membership,
    Practice,
    Role,
    User,
)


def add_staff(user: User, practice: Practice, role: str) -> Membership:
    if role not in STAFF_ROLES:
        raise ValueError(f"Unknown staff role: {role}")
    membership, created = Membership.objects.get_or_create(user=user, practice=practice, role=role)
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
    return membership


def enrol_client(
    user: User,
    practice: Practice,
    *,
    date_of_birth: dt.date,
    clinicians: list[User],
    preferred_name: str = "",
    region: str = "",
) -> ClientProfile:
    """Make a person a client of a practice, cared for by the given clinicians."""
    profile = ClientProfile(
        user=user,
        practice=practice,
        date_of_birth=date_of_birth,
        preferred_name=preferred_name,
        region=region or practice.region,
    )
    profile.full_clean(exclude=["user"])
    profile.save()
    for clinician in clinicians:
        add_to_care_team(profile, clinician)
    return profile


def add_to_care_team(client: ClientProfile, clinician: User) -> CareTeamMember:
    seat = CareTeamMember(client=client, clinician=clinician)
    seat.full_clean(exclude=["client", "clinician"], validate_constraints=False)
    seat.clean()
    return CareTeamMember.objects.get_or_create(client=client, clinician=clinician)[0]


def link_guardian(guardian: User, client: ClientProfile, relationship: str = "") -> GuardianLink:
    link = GuardianLink(guardian=guardian, client=client, relationship=relationship)
    link.clean()
    existing = GuardianLink.objects.filter(guardian=guardian, client=client).first()
    if existing:
        return existing
    link.save()
    return link


def may_invite(inviter: User, practice: Practice, kind: str) -> bool:
    """Clinicians invite clients and guardians; practice administrators invite staff."""
    if kind in STAFF_ROLES:
        return access.practices_run_by(inviter).filter(pk=practice.pk).exists()
    return access.practices_where(inviter, Role.CLINICIAN).filter(pk=practice.pk).exists()


def invite(
    inviter: User,
    practice: Practice,
    *,
    email: str,
    kind: str,
    accept_url_base: str,
    preferred_name: str = "",
    date_of_birth: dt.date | None = None,
    region: str = "",
    for_client: ClientProfile | None = None,
    relationship: str = "",
) -> Invitation:
    """Create an invitation and e-mail its link. Returns the invitation (its token is not kept)."""
    if not may_invite(inviter, practice, kind):
        raise PermissionDenied
    email = email.strip().lower()
    if kind == Invitation.Kind.CLIENT and date_of_birth is None:
        raise ValidationError({"date_of_birth": _("A date of birth is needed for a client.")})
    if kind == Invitation.Kind.GUARDIAN:
        if for_client is None or not access.caseload_for(inviter).filter(pk=for_client.pk).exists():
            raise ValidationError({"for_client": _("Choose a young person on your caseload.")})
        if not for_client.is_minor:
            raise ValidationError({"for_client": _("Guardian links are for clients under 18.")})
    problem = why_not_invite(practice, email, kind, for_client)
    if problem:
        raise ValidationError({"email": problem})

    token = Invitation.new_token()
    with transaction.atomic():
        invitation = Invitation.objects.create(
            practice=practice,
            email=email,
            kind=kind,
            invited_by=inviter,
            token_hash=_hash(token),
            preferred_name=preferred_name,
            date_of_birth=date_of_birth,
            region=region,
            for_client=for_client,
            relationship=relationship,
        )
        audit.record(
            "create", actor=inviter, practice_id=practice.pk, obj=invitation,
            detail=f"{kind} invitation",
        )  # fmt: skip
        link = accept_url_base.rstrip("/") + reverse("invitation_accept", args=[token])
        context = {"invitation": invitation, "link": link, "days": settings.INVITATION_DAYS}
        # The subject and body name the practice, never a reason for care.
        # robust: a mail server that is down must not turn a saved invitation into an error
        # page; the failure is logged, and the invitation can be withdrawn and sent again.
        transaction.on_commit(
            lambda: send_mail(
                subject=_("Your invitation to %(practice)s on Kindling")
                % {"practice": practice.name},
                message=render_to_string("accounts/email/invitation.txt", context),
                from_email=None,
                recipient_list=[email],
            ),
            robust=True,
        )
    invitation.token = token  # for the caller (tests, the demo); never stored
    return invitation


def why_not_invite(
    practice: Practice, email: str, kind: str, for_client: ClientProfile | None = None
) -> str | None:
    """A reason this invitation should not be sent, or None.

    Keeps roles apart that should stay apart: a client of a practice is not also its staff
    (a dual relationship), and nobody is invited twice to what they already have.
    """
    existing = User.objects.filter(email__iexact=email).first()
    waiting = Invitation.objects.open().filter(practice=practice, email__iexact=email, kind=kind)
    if kind == Invitation.Kind.GUARDIAN:
        waiting = waiting.filter(for_client=for_client)
    if waiting.exists():
        return _("An invitation to this address is already waiting. You can withdraw it below.")
    if existing is None:
        return None
    is_client = ClientProfile.objects.filter(user=existing).exists()
    staff_here = Membership.objects.filter(user=existing, practice=practice, is_active=True)
    if kind == Invitation.Kind.CLIENT:
        if is_client:
            return _("This person is already a client in Kindling.")
        if staff_here.exists():
            return _("This address belongs to a member of staff here, so it can't be a client's.")
    elif kind == Invitation.Kind.GUARDIAN:
        if for_client is not None and for_client.user_id == existing.pk:
            return _("That is the young person's own address. Please use their guardian's.")
        if GuardianLink.objects.filter(guardian=existing, client=for_client).exists():
            return _("This person is already linked as a guardian.")
    elif kind in STAFF_ROLES:
        if ClientProfile.objects.filter(user=existing, practice=practice).exists():
            return _("This address belongs to a client of the practice, so it can't be staff's.")
        if staff_here.filter(role=kind).exists():
            return _("This person already has that role here.")
    return None


def _hash(token: str) -> str:
    from .models import hash_token

    return hash_token(token)


def open_invitation(token: str) -> Invitation | None:
    return (
        Invitation.objects.open()
        .filter(token_hash=_hash(token))
        .select_related("practice", "for_client")
        .first()
    )


class InvitationUnavailable(Exception):
    """The invitation was used, revoked or expired in the meantime."""


def accept_invitation(
    token: str,
    *,
    user: User | None = None,
    name: str = "",
    password: str = "",
    preferred_name: str = "",
) -> User:
    """Turn an open invitation into an account and a role, all or nothing.

    With `user` (someone already signed in with the invited address), add the role to them;
    otherwise create the account with `name` and `password`.
    """
    with transaction.atomic():
        # Claim the invitation with a conditional update, so two clicks cannot both use it.
        now = timezone.now()
        claimed = Invitation.objects.open().filter(token_hash=_hash(token)).update(accepted_at=now)
        if claimed != 1:
            raise InvitationUnavailable
        invitation = Invitation.objects.select_related("practice", "for_client").get(
            token_hash=_hash(token)
        )
        if invitation.kind == Invitation.Kind.WORKSHOP_GUEST:
            raise InvitationUnavailable  # its own page accepts it (rolls the claim back)
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise InvitationUnavailable
            user = User.objects.create_user(invitation.email, password, name=name.strip())
        elif user.email.lower() != invitation.email.lower():
            raise InvitationUnavailable
        # The link arrived at this address, so the address is proved.
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        practice = invitation.practice
        problem = why_not_accept(invitation, user)
        if problem:
            raise ValidationError(problem)
        if invitation.is_staff_kind:
            add_staff(user, practice, invitation.kind)
        elif invitation.kind == Invitation.Kind.CLIENT:
            enrol_client(
                user,
                practice,
                date_of_birth=invitation.date_of_birth,
                clinicians=[invitation.invited_by],
                # The person's own choice wins over what the clinician wrote down.
                preferred_name=(
                    preferred_name.strip() or invitation.preferred_name or name.split(" ")[0]
                ),
                region=invitation.region,
            )
        elif invitation.kind == Invitation.Kind.GUARDIAN:
            link_guardian(user, invitation.for_client, invitation.relationship)
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_by"])
        audit.record(
            "update", actor=user, practice_id=practice.pk, obj=invitation,
            detail=f"{invitation.kind} invitation accepted",
        )  # fmt: skip
    return user


def why_not_accept(invitation: Invitation, user: User) -> str | None:
    """A reason this person cannot take up this invitation, or None."""
    is_client = ClientProfile.objects.filter(user=user).exists()
    if invitation.kind == Invitation.Kind.CLIENT and is_client:
        return _("You already have a place on the programme, so there's nothing more to do here.")
    if invitation.kind == Invitation.Kind.GUARDIAN and invitation.for_client.user_id == user.pk:
        return _("This invitation is meant for a parent or carer, not for you.")
    if (
        invitation.is_staff_kind
        and ClientProfile.objects.filter(user=user, practice=invitation.practice).exists()
    ):
        return _("This invitation can't be added to this account. Please ask the practice.")
    return None


def revoke_invitation(by: User, invitation_id: int) -> Invitation:
    invitation = access.invitation_for(by, invitation_id)
    with transaction.atomic():
        withdrawn = (
            Invitation.objects.open().filter(pk=invitation.pk).update(revoked_at=timezone.now())
        )
        if withdrawn:
            audit.record(
                "update", actor=by, practice_id=invitation.practice_id, obj=invitation,
                detail="invitation withdrawn",
            )  # fmt: skip
    invitation.refresh_from_db()
    return invitation


def create_user(email: str, password: str, *, name: str = "", verified: bool = True) -> User:
    """An account whose e-mail is already proved (the demo, tests, administrators)."""
    user = User.objects.create_user(email, password, name=name)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    return user


def give_consent(
    client: ClientProfile, by: User, audience: str, *, method: str = "in_app"
) -> ConsentRecord:
    """Record agreement to the current version of a consent or assent text."""
    from . import consent

    text = consent.texts()[audience]
    with transaction.atomic():
        record = ConsentRecord.objects.create(
            client=client, audience=audience, kind=text.kind, version=text.version,
            given_by=by, method=method,
        )  # fmt: skip
        audit.record(
            "create", actor=by, practice_id=client.practice_id, obj=record,
            subject_id=client.user_id, detail=f"{text.kind} {audience} {text.version} ({method})",
        )  # fmt: skip
    return record
