"""Writes about workshops: one function per intention, each all or nothing.

Places are counted under a lock on the workshop's row (`select_for_update`; on SQLite the
IMMEDIATE transaction already serialises writers), so two people asking for the last place
at the same moment cannot both get it. A cancellation offers the freed place to the earliest
person on the waitlist in the same transaction. E-mails leave through the outbox once the
transaction commits; their subjects name only the practice.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kindling.accounts import actions as account_actions
from kindling.accounts.models import (
    AgeBand,
    ClientProfile,
    Invitation,
    Practice,
    Role,
    User,
    age_band_for,
    hash_token,
)
from kindling.lib import audit, outbox

from . import invites
from .models import Attendance, GroupMessage, Registration, Workshop, WorkshopSession

LIVE = [Registration.Status.CONFIRMED, Registration.Status.WAITLISTED]


class BookingClosed(Exception):
    """The workshop takes no bookings now; the message says why, kindly."""


def new_token() -> str:
    return secrets.token_urlsafe(32)


def why_closed(workshop: Workshop) -> str | None:
    if workshop.cancelled_at is not None:
        return _("This workshop isn't going ahead, so it isn't taking bookings.")
    first = workshop.first_start()
    if first is None:
        return _("The dates for this workshop aren't set yet. Please check back soon.")
    if first <= timezone.now():
        return _("This workshop has already begun, so bookings have closed.")
    return None


def places_left(workshop: Workshop) -> int:
    taken = workshop.registrations.filter(status=Registration.Status.CONFIRMED).count()
    return max(0, workshop.capacity - taken)


def _link(site: str, name: str, *args) -> str:
    return site.rstrip("/") + reverse(name, args=args)


def _send(registration: Registration, template: str, subject: str, site: str, **extra) -> None:
    """One e-mail to one person. The subject names the practice only; the body may name the
    workshop, which is public."""
    workshop = registration.workshop
    ics = extra.pop("ics", None)
    context = {"registration": registration, "workshop": workshop, "site": site, **extra}
    message = EmailMessage(
        subject=subject % {"practice": workshop.practice.name},
        body=render_to_string(f"groups/email/{template}.txt", context),
        to=[registration.email],
    )
    if ics is not None:
        method = "CANCEL" if extra.get("cancel") else "REQUEST"
        message.attach("workshop.ics", ics, f"text/calendar; method={method}")
    outbox.send(message, purpose="workshop", ref=f"registration:{registration.pk}")


def _new_manage_link(registration: Registration, site: str) -> str:
    token = new_token()
    registration.manage_token_hash = hash_token(token)
    registration.save(update_fields=["manage_token_hash"])
    return _link(site, "booking_manage", token)


def _guest_invitation(workshop: Workshop, registration: Registration, site: str) -> str:
    """An invitation to make an account, for a guest with none. The link goes to the groups
    page that accepts it (see accept_guest_invitation)."""
    token = Invitation.new_token()
    invitation = Invitation.objects.create(
        practice=workshop.practice,
        email=registration.email,
        kind=Invitation.Kind.WORKSHOP_GUEST,
        invited_by=workshop.facilitator,
        token_hash=hash_token(token),
        preferred_name=registration.name.split(" ")[0][:80],
    )
    registration.invitation = invitation
    registration.save(update_fields=["invitation"])
    audit.record(
        "create", practice_id=workshop.practice_id, obj=invitation,
        detail="workshop guest invitation",
    )  # fmt: skip
    return _link(site, "workshop_join", token)


@dataclass
class Booking:
    registration: Registration
    is_new: bool
    # Only for the caller of a fresh booking (tests): never stored.
    manage_link: str = ""


def register(
    workshop: Workshop,
    *,
    name: str,
    email: str,
    site: str,
    user: User | None = None,
    is_guardian: bool = False,
) -> Booking:
    """Book a place, or a place on the waitlist when the workshop is full.

    Someone already booked (or waiting) with this address gets their booking back, not a
    second one; a guest is sent their details again, with a fresh link, so the page they see
    is the same whether or not the address was booked already.
    """
    email = email.strip().lower()
    name = name.strip()
    with transaction.atomic():
        workshop = (
            Workshop.objects.select_for_update().select_related("practice").get(pk=workshop.pk)
        )
        problem = why_closed(workshop)
        if problem:
            raise BookingClosed(problem)
        guest = user is None
        # A guest's booking is never linked to an account by the address typed in: nothing
        # proves the booker owns it. It is linked when the invitation in the e-mail is
        # accepted (signed in with that address), or when its owner books signed in.
        if not guest and workshop.audience == Workshop.Audience.ADULTS:
            profile = ClientProfile.objects.filter(user=user).first()
            if profile is not None and profile.is_minor:
                raise BookingClosed(
                    _(
                        "This workshop is for adults. Your clinician or the practice can tell "
                        "you about groups for young people."
                    )
                )
        existing = workshop.registrations.filter(email__iexact=email, status__in=LIVE).first()
        if existing is not None:
            if guest:
                link = _new_manage_link(existing, site)
                _send(
                    existing, "reminder", _("Your booking with %(practice)s"), site,
                    manage_link=link,
                )  # fmt: skip
            return Booking(existing, is_new=False)
        now = timezone.now()
        has_place = places_left(workshop) > 0
        registration = Registration.objects.create(
            workshop=workshop,
            user=user,
            name=name or (user.get_full_name() if user else email),
            email=email,
            status=Registration.Status.CONFIRMED if has_place else Registration.Status.WAITLISTED,
            created_at=now,
            confirmed_at=now if has_place else None,
            is_guardian_booking=is_guardian,
        )
        manage_link = _new_manage_link(registration, site)
        join_link = _guest_invitation(workshop, registration, site) if user is None else ""
        audit.record(
            "create", actor=user, practice_id=workshop.practice_id, obj=registration,
            subject_id=getattr(user, "pk", None),
            detail=f"workshop booking ({registration.status})",
        )  # fmt: skip
        if has_place:
            _send(
                registration, "confirmed", _("Your place with %(practice)s"), site,
                manage_link=manage_link, join_link=join_link,
                ics=invites.calendar_for(registration),
            )  # fmt: skip
        else:
            _send(
                registration, "waitlisted", _("You're on the waitlist with %(practice)s"), site,
                manage_link=manage_link, join_link=join_link,
                position=waitlist_position(registration),
            )  # fmt: skip
    return Booking(registration, is_new=True, manage_link=manage_link)


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITLISTED:
        return None
    ahead = registration.workshop.registrations.filter(
        status=Registration.Status.WAITLISTED, created_at__lte=registration.created_at
    ).exclude(created_at=registration.created_at, pk__gt=registration.pk)
    return ahead.count()


def fill_places(workshop: Workshop, site: str) -> list[Registration]:
    """Offer free places to the waitlist in the order people joined it. The caller holds the
    workshop's lock (inside its transaction)."""
    promoted = []
    if why_closed(workshop):  # once it has begun, nobody is pulled in part-way through
        return promoted
    free = places_left(workshop)
    waiting = workshop.registrations.filter(status=Registration.Status.WAITLISTED).order_by(
        "created_at", "pk"
    )
    for registration in waiting[:free] if free else []:
        registration.status = Registration.Status.CONFIRMED
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        link = _new_manage_link(registration, site)
        audit.record(
            "update", practice_id=workshop.practice_id, obj=registration,
            subject_id=registration.user_id, detail="offered a place from the waitlist",
        )  # fmt: skip
        _send(
            registration, "promoted", _("A place has opened for you with %(practice)s"), site,
            manage_link=link, ics=invites.calendar_for(registration),
        )  # fmt: skip
        promoted.append(registration)
    return promoted


def cancel(registration: Registration, *, site: str, by: User | None = None) -> list[Registration]:
    """Give up a place (or leave the waitlist). Returns whoever was offered the place."""
    with transaction.atomic():
        workshop = (
            Workshop.objects.select_for_update()
            .select_related("practice")
            .get(pk=registration.workshop_id)
        )
        registration = Registration.objects.select_related("workshop").get(pk=registration.pk)
        registration.workshop = workshop
        if registration.status == Registration.Status.CANCELLED:
            return []
        had_place = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        audit.record(
            "update", actor=by, practice_id=workshop.practice_id, obj=registration,
            subject_id=registration.user_id, detail="booking cancelled",
        )  # fmt: skip
        extra = {"cancel": True, "ics": invites.calendar_for(registration, cancel=True)}
        _send(
            registration, "cancelled", _("Your booking with %(practice)s is cancelled"), site,
            had_place=had_place, **(extra if had_place else {}),
        )  # fmt: skip
        return fill_places(workshop, site) if had_place else []


# --- Guests who accept their invitation ------------------------------------------------------


class JoinUnavailable(Exception):
    """The invitation was used, withdrawn or expired, or is not a workshop guest's."""


def guest_invitation(token: str) -> Invitation | None:
    """The open invitation behind a workshop guest's "make an account" link."""
    invitation = (
        Invitation.objects.open()
        .filter(token_hash=hash_token(token or ""), kind=Invitation.Kind.WORKSHOP_GUEST)
        .select_related("practice")
        .first()
    )
    if invitation is None or not Registration.objects.filter(invitation=invitation).exists():
        return None
    return invitation


def needs_programme_place(invitation: Invitation) -> bool:
    """A guest booked on an adult group that follows the programme becomes a self-paced client
    of the practice (a ClientProfile with no care team), so they need to give a birth date."""
    return Registration.objects.filter(
        email__iexact=invitation.email,
        status__in=LIVE,
        workshop__practice=invitation.practice,
        workshop__audience=Workshop.Audience.ADULTS,
        workshop__follows_programme=True,
    ).exists()


def accept_guest_invitation(
    token: str,
    *,
    user: User | None = None,
    name: str = "",
    password: str = "",
    date_of_birth: dt.date | None = None,
) -> User:
    """The guest's account: created (or, signed in with the invited address, the existing
    one), their bookings made by that address linked to it, and for an adult group on the
    programme a self-paced place on it. All or nothing."""
    with transaction.atomic():
        claimed = (
            Invitation.objects.open()
            .filter(token_hash=hash_token(token))
            .update(accepted_at=timezone.now())
        )
        if claimed != 1:
            raise JoinUnavailable
        invitation = Invitation.objects.select_related("practice").get(token_hash=hash_token(token))
        if not Registration.objects.filter(invitation=invitation).exists():
            raise JoinUnavailable
        if user is None:
            if User.objects.filter(email__iexact=invitation.email).exists():
                raise JoinUnavailable
            user = User.objects.create_user(invitation.email, password, name=name.strip())
        elif user.email.lower() != invitation.email.lower():
            raise JoinUnavailable
        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
        # Staff of the practice keep their bookings but are not made its clients (no dual
        # relationship); someone already a client somewhere keeps the place they have.
        if (
            needs_programme_place(invitation)
            and not ClientProfile.objects.filter(user=user).exists()
            and not user.memberships.filter(practice=invitation.practice).exists()
        ):
            if date_of_birth is None:
                raise ValidationError({"date_of_birth": _("Please give your date of birth.")})
            if age_band_for(date_of_birth) != AgeBand.ADULT:
                raise ValidationError(
                    {"date_of_birth": _("This group is for adults (18 and over).")}
                )
            account_actions.enrol_client(
                user, invitation.practice, date_of_birth=date_of_birth, clinicians=[],
                preferred_name=invitation.preferred_name,
            )  # fmt: skip
        linked = Registration.objects.filter(
            email__iexact=invitation.email, user__isnull=True
        ).update(user=user)
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_by"])
        # Other workshop invitations to the same address have nothing left to do.
        Invitation.objects.open().filter(
            email__iexact=invitation.email,
            pk__in=Registration.objects.filter(invitation__isnull=False).values("invitation"),
        ).update(revoked_at=timezone.now())
        audit.record(
            "update", actor=user, practice_id=invitation.practice_id, obj=invitation,
            detail=f"workshop guest joined ({linked} bookings linked)",
        )  # fmt: skip
    return user


# --- The facilitator's side ------------------------------------------------------------------


@dataclass
class SessionInput:
    starts_at: dt.datetime
    minutes: int
    time_zone: str
    title: str = ""
    pk: int | None = None


def facilitators_of(practice: Practice):
    return User.objects.filter(
        is_active=True,
        memberships__practice=practice,
        memberships__role=Role.FACILITATOR,
        memberships__is_active=True,
    ).distinct()


def save_workshop(
    by: User,
    practice: Practice,
    fields: dict,
    sessions: list[SessionInput],
    *,
    site: str,
    workshop: Workshop | None = None,
) -> Workshop:
    """Create or change a workshop and its sessions. Raises ValidationError with a reason a
    facilitator can act on; nothing is written then."""
    with transaction.atomic():
        if workshop is not None:
            workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
            taken = workshop.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if fields["capacity"] < taken:
                raise ValidationError(
                    {
                        "capacity": _(
                            "%(count)s people already have a place, so there must be at least "
                            "%(count)s places. To make it smaller, cancel some bookings first."
                        )
                        % {"count": taken}
                    }
                )
        else:
            workshop = Workshop(practice=practice)
        for name, value in fields.items():
            setattr(workshop, name, value)
        if (
            Workshop.objects.filter(practice=practice, slug=workshop.slug)
            .exclude(pk=workshop.pk)
            .exists()
        ):
            raise ValidationError(
                {"slug": _("Another workshop of the practice already uses this web address.")}
            )
        is_new = workshop.pk is None
        workshop.save()
        keep = {s.pk for s in sessions if s.pk}
        workshop.sessions.exclude(pk__in=keep).delete()
        for item in sessions:
            session = WorkshopSession(workshop=workshop) if item.pk is None else (
                workshop.sessions.get(pk=item.pk)
            )  # fmt: skip
            session.starts_at = item.starts_at
            session.minutes = item.minutes
            session.time_zone = item.time_zone
            session.title = item.title
            session.save()
        audit.record(
            "create" if is_new else "update", actor=by, role=Role.FACILITATOR,
            practice_id=practice.pk, obj=workshop,
        )  # fmt: skip
        fill_places(workshop, site)
    return workshop


def record_attendance(workshop: Workshop, by: User, present: set[tuple[int, int]]) -> int:
    """Who was there, session by session: `present` holds (registration id, session id) pairs
    for the confirmed participants; anything else about them is cleared."""
    with transaction.atomic():
        registrations = set(
            workshop.registrations.filter(status=Registration.Status.CONFIRMED).values_list(
                "pk", flat=True
            )
        )
        sessions = set(workshop.sessions.values_list("pk", flat=True))
        wanted = {(r, s) for r, s in present if r in registrations and s in sessions}
        Attendance.objects.filter(registration_id__in=registrations).delete()
        Attendance.objects.bulk_create(
            [Attendance(registration_id=r, session_id=s) for r, s in sorted(wanted)]
        )
        audit.record(
            "update", actor=by, role=Role.FACILITATOR, practice_id=workshop.practice_id,
            obj=workshop, detail="attendance recorded",
        )  # fmt: skip
    return len(wanted)


def message_group(workshop: Workshop, by: User, body: str, *, site: str) -> GroupMessage:
    """E-mail the people holding a place, each their own copy (nobody sees the others'
    addresses). The words are kept, encrypted."""
    with transaction.atomic():
        people = list(
            workshop.registrations.filter(status=Registration.Status.CONFIRMED).select_related(
                "workshop__practice"
            )
        )
        message = GroupMessage.objects.create(
            workshop=workshop, sent_by=by, body=body.strip(), recipients=len(people)
        )
        for registration in people:
            _send(
                registration, "group_message", _("A message about your workshop with %(practice)s"),
                site, message=message, sender=by,
            )  # fmt: skip
        audit.record(
            "create", actor=by, role=Role.FACILITATOR, practice_id=workshop.practice_id,
            obj=message, detail=f"message to {len(people)} participants",
        )  # fmt: skip
    return message
