"""Workshop pages: the public page and booking, a participant's own bookings, a guest's
booking by its secret link, and the facilitator's pages (list, edit, registrations,
attendance, message the group, CSV)."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kindling.accounts.models import Role, User
from kindling.lib import access, audit
from kindling.lib.audit import client_ip
from kindling.program.content import render as render_markdown
from kindling.public import views as public_views
from kindling.public.actions import spend_attempt
from kindling.public.forms import HONEYPOT

from . import actions
from .forms import BookingForm, GroupMessageForm, JoinForm, WorkshopForm, session_formset
from .models import Attendance, Registration, Workshop

LIVE = actions.LIVE
# Guest bookings from one address in an hour (each sends e-mail to the address typed in).
GUEST_LIMIT = 10


def _site(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


def _availability(workshop: Workshop) -> dict:
    left = actions.places_left(workshop)
    return {"places_left": left, "is_full": left == 0}


# --- The public page and booking -------------------------------------------------------------


def workshop_public(request: HttpRequest, practice_slug: str, workshop_slug: str) -> HttpResponse:
    workshop = access.published_workshop(practice_slug, workshop_slug)
    signed_in = request.user.is_authenticated
    closed = actions.why_closed(workshop)
    mine = (
        access.own_registrations(request.user).filter(workshop=workshop, status__in=LIVE).first()
        if signed_in
        else None
    )
    data = request.POST if request.method == "POST" else None  # one click posts no fields
    form = BookingForm(data, workshop=workshop, signed_in=signed_in)
    status = 200
    if request.method == "POST" and not signed_in and closed is None:
        # A guest booking sends e-mail to any address typed in: a robot that fills the hidden
        # field is thanked and ignored, and one address may try GUEST_LIMIT times an hour.
        if (request.POST.get(HONEYPOT) or "").strip():
            return redirect(
                "workshop_booked", practice_slug=practice_slug, workshop_slug=workshop_slug
            )
        with transaction.atomic():
            allowed = spend_attempt(client_ip(request), scope="booking", limit=GUEST_LIMIT)
        if not allowed:
            form.is_valid()
            form.add_error(
                None,
                _(
                    "We've had a lot of bookings from here in the last hour, so we've paused "
                    "for a little while. Your details are still in the form: please try again "
                    "later, or contact the practice."
                ),
            )
            status = 429
    if (
        request.method == "POST" and status == 200 and closed is None and mine is None
        and form.is_valid()
    ):  # fmt: skip
        data = form.cleaned_data
        try:
            booking = actions.register(
                workshop,
                name=data.get("name", "") if not signed_in else request.user.get_full_name(),
                email=data.get("email", "") if not signed_in else request.user.email,
                user=request.user if signed_in else None,
                is_guardian=data.get("is_guardian", False),
                site=_site(request),
            )
        except actions.BookingClosed as reason:
            form.add_error(None, str(reason))
        else:
            if not signed_in:
                return redirect(
                    "workshop_booked", practice_slug=practice_slug, workshop_slug=workshop_slug
                )
            registration = booking.registration
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, _("You have a place. We've e-mailed you the details."))
            else:
                messages.success(
                    request,
                    _("You're on the waitlist. We'll e-mail you straight away if a place opens."),
                )
            return redirect("my_registration", registration_id=registration.pk)
    context = {
        **_public_frame(workshop),
        "workshop": workshop,
        "summary": render_markdown(workshop.summary) if workshop.summary else "",
        "sessions": list(workshop.sessions.all()),
        "form": form,
        "closed": closed,
        "mine": mine,
        **_availability(workshop),
    }
    if status == 200 and form.errors:
        status = 400
    return render(request, "groups/workshop_public.html", context, status=status)


def _public_frame(workshop: Workshop) -> dict:
    """The practice's public masthead and menu around the page."""
    return {
        **public_views.page_context(workshop.practice, "workshops"),
        "layout": "public/_layout.html",
    }


def workshop_booked(request: HttpRequest, practice_slug: str, workshop_slug: str) -> HttpResponse:
    """After a guest books: the same words whatever happened, so the page never tells anyone
    whether an address was booked already. The e-mail says which."""
    workshop = access.published_workshop(practice_slug, workshop_slug)
    return render(request, "groups/booked.html", {"workshop": workshop})


def booking_manage(request: HttpRequest, token: str) -> HttpResponse:
    """A booking opened by the secret link in its e-mail: see it, or cancel it."""
    registration = access.registration_for_token(token)
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            messages.info(request, _("Nothing has changed: your booking is as it was."))
        else:
            actions.cancel(registration, site=_site(request))
            messages.success(
                request, _("Your booking is cancelled. Thank you for letting us know.")
            )
        return redirect("booking_manage", token=token)
    return render(request, "groups/booking.html", _booking_context(registration))


def _booking_context(registration: Registration) -> dict:
    workshop = registration.workshop
    return {
        "registration": registration,
        "workshop": workshop,
        "sessions": list(workshop.sessions.all()),
        "position": actions.waitlist_position(registration),
        "closed": actions.why_closed(workshop),
        # Only someone holding a place sees where an online group meets.
        "show_link": registration.status == Registration.Status.CONFIRMED
        and workshop.format == Workshop.Format.ONLINE,
    }


# --- Guests making an account ---------------------------------------------------------------


def workshop_join(request: HttpRequest, token: str) -> HttpResponse:
    invitation = actions.guest_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_unavailable.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if not request.user.is_authenticated or request.user.pk != existing.pk:
            return render(request, "groups/join_login_first.html", {"invitation": invitation})
        if request.method == "POST":
            try:
                actions.accept_guest_invitation(token, user=request.user)
            except (actions.JoinUnavailable, ValidationError):
                return render(request, "accounts/invitation_unavailable.html", status=409)
            messages.success(request, _("Your bookings are now with your account."))
            return redirect("my_workshops")
        return render(request, "groups/join_confirm.html", {"invitation": invitation})
    needs_birth_date = actions.needs_programme_place(invitation)
    form = JoinForm(
        request.POST or None,
        email=invitation.email,
        is_client=needs_birth_date,
        preferred_name=invitation.preferred_name,
        needs_birth_date=needs_birth_date,
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_guest_invitation(
                token,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                date_of_birth=form.cleaned_data.get("date_of_birth"),
            )
        except actions.JoinUnavailable:
            return render(request, "accounts/invitation_unavailable.html", status=409)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(request, _("Welcome to Kindling. We're glad you're here."))
            return redirect("my_workshops")
    return render(
        request,
        "groups/join.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )


# --- A participant's own bookings ------------------------------------------------------------


@login_required
def my_workshops(request: HttpRequest) -> HttpResponse:
    registrations = (
        access.own_registrations(request.user)
        .select_related("workshop", "workshop__practice")
        .annotate(first=Min("workshop__sessions__starts_at"))
        .order_by("first", "pk")
    )
    now = timezone.now()
    current = [r for r in registrations if r.status in LIVE and (r.first is None or r.first > now
               or r.workshop.sessions.filter(starts_at__gt=now).exists())]  # fmt: skip
    earlier = [r for r in registrations if r not in current]
    return render(request, "groups/my_workshops.html", {"current": current, "earlier": earlier})


@login_required
def my_registration(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = access.own_registration(request.user, registration_id)
    return render(request, "groups/my_registration.html", _booking_context(registration))


@login_required
@require_POST
def my_registration_cancel(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = access.own_registration(request.user, registration_id)
    if request.POST.get("confirm") != "yes":
        messages.info(request, _("Nothing has changed: your booking is as it was."))
    else:
        actions.cancel(registration, site=_site(request), by=request.user)
        messages.success(request, _("Your booking is cancelled. Thank you for letting us know."))
    return redirect("my_registration", registration_id=registration.pk)


# --- The facilitator's pages -----------------------------------------------------------------


def _facilitator(request: HttpRequest) -> None:
    if not request.user.is_authenticated or Role.FACILITATOR not in request.user.roles():
        raise Http404


@login_required
def workshop_list(request: HttpRequest) -> HttpResponse:
    _facilitator(request)
    workshops = (
        access.workshops_led_by(request.user)
        .select_related("practice", "facilitator")
        .annotate(
            first=Min("sessions__starts_at"),
            last=Max("sessions__starts_at"),
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed"),
                            distinct=True),
            waiting=Count("registrations", filter=Q(registrations__status="waitlisted"),
                          distinct=True),
        )
        .order_by("first", "pk")
    )  # fmt: skip
    now = timezone.now()
    past = [w for w in workshops if w.last is not None and w.last < now]
    upcoming = [w for w in workshops if w not in past]
    return render(request, "groups/workshop_list.html", {"upcoming": upcoming, "past": past})


def _session_initial(workshop: Workshop) -> list[dict]:
    initial = []
    for session in workshop.sessions.all():
        local = session.local_start()
        initial.append({
            "id": session.pk, "day": local.date(), "start": local.time().replace(second=0),
            "minutes": session.minutes, "time_zone": session.time_zone, "title": session.title,
        })  # fmt: skip
    return initial


def _edit(request: HttpRequest, practice, workshop: Workshop | None) -> HttpResponse:
    facilitators = actions.facilitators_of(practice)
    zone = practice.time_zone
    if request.method == "POST":
        form = WorkshopForm(request.POST, instance=workshop, facilitators=facilitators)
        sessions = session_formset(request.POST, zone=zone)
        if form.is_valid() and sessions.is_valid():
            fields = {name: form.cleaned_data[name] for name in WorkshopForm.Meta.fields}
            known = set(workshop.sessions.values_list("pk", flat=True)) if workshop else set()
            items = [
                actions.SessionInput(
                    starts_at=f.starts_at(), minutes=f.cleaned_data["minutes"],
                    time_zone=f.cleaned_data["time_zone"], title=f.cleaned_data["title"],
                    pk=f.cleaned_data["id"] if f.cleaned_data.get("id") in known else None,
                )
                for f in sessions.forms
                if f.has_changed() and f.cleaned_data.get("day")
                and not sessions._should_delete_form(f)
            ]  # fmt: skip
            try:
                saved = actions.save_workshop(
                    request.user, practice, fields, items, site=_site(request), workshop=workshop
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, problems)
            else:
                messages.success(request, _("The workshop is saved."))
                return redirect("workshop_run", workshop_id=saved.pk)
    else:
        initial = None
        if workshop is None:
            user_is_facilitator = facilitators.filter(pk=request.user.pk).exists()
            initial = {"facilitator": request.user.pk} if user_is_facilitator else None
        form = WorkshopForm(instance=workshop, facilitators=facilitators, initial=initial)
        sessions = session_formset(
            initial=_session_initial(workshop) if workshop else None, zone=zone
        )
    has_errors = bool(form.errors or any(sessions.errors) or sessions.non_form_errors())
    return render(
        request,
        "groups/workshop_form.html",
        {"form": form, "sessions": sessions, "workshop": workshop, "practice": practice},
        status=400 if has_errors else 200,
    )


@login_required
def workshop_new(request: HttpRequest) -> HttpResponse:
    _facilitator(request)
    practice = access.practices_where(request.user, Role.FACILITATOR).order_by("pk").first()
    if practice is None:
        raise Http404
    return _edit(request, practice, None)


@login_required
def workshop_edit(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.workshop_to_run(request.user, workshop_id)
    return _edit(request, workshop.practice, workshop)


@login_required
def workshop_run(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.workshop_to_run(request.user, workshop_id)
    return _run_page(request, workshop)


def _run_page(request, workshop, *, message_form=None, status=200) -> HttpResponse:
    sessions = list(workshop.sessions.all())
    registrations = list(workshop.registrations.select_related("user"))
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    waiting = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    cancelled = [r for r in registrations if r.status == Registration.Status.CANCELLED]
    present = set(
        Attendance.objects.filter(registration__workshop=workshop).values_list(
            "registration_id", "session_id"
        )
    )
    rows = [
        {"registration": r, "cells": [(s, (r.pk, s.pk) in present) for s in sessions]}
        for r in confirmed
    ]
    context = {
        "workshop": workshop,
        "sessions": sessions,
        "rows": rows,
        "waiting": waiting,
        "cancelled": cancelled,
        "message_form": message_form or GroupMessageForm(),
        "sent_messages": workshop.messages.select_related("sent_by")[:10],
        **_availability(workshop),
    }
    return render(request, "groups/workshop_run.html", context, status=status)


@login_required
@require_POST
def workshop_attendance(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.workshop_to_run(request.user, workshop_id)
    present = set()
    for value in request.POST.getlist("present"):
        registration_id, _sep, session_id = value.partition(":")
        # ASCII digits only, and short: "²".isdigit() is True but int("²") fails.
        if all(part.isascii() and part.isdecimal() and len(part) < 19 for part in
               (registration_id, session_id)):  # fmt: skip
            present.add((int(registration_id), int(session_id)))
    actions.record_attendance(workshop, request.user, present)
    messages.success(request, _("Attendance saved."))
    return redirect("workshop_run", workshop_id=workshop.pk)


@login_required
@require_POST
def workshop_message(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.workshop_to_run(request.user, workshop_id)
    form = GroupMessageForm(request.POST)
    if not form.is_valid():
        return _run_page(request, workshop, message_form=form, status=400)
    sent = actions.message_group(workshop, request.user, form.cleaned_data["body"],
                                 site=_site(request))  # fmt: skip
    if sent.recipients:
        messages.success(
            request,
            _("Your message is on its way to %(count)s people.") % {"count": sent.recipients},
        )
    else:
        messages.info(request, _("Nobody has a place yet, so the message is kept but not sent."))
    return redirect("workshop_run", workshop_id=workshop.pk)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A spreadsheet must not read a cell as a formula (CSV injection): such cells get a
    leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@login_required
def workshop_csv(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.workshop_to_run(request.user, workshop_id)
    sessions = list(workshop.sessions.all())
    present = set(
        Attendance.objects.filter(registration__workshop=workshop).values_list(
            "registration_id", "session_id"
        )
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="workshop-{workshop.pk}.csv"'
    writer = csv.writer(response)
    header = [_("name"), _("email"), _("status"), _("registered at")]
    header += [
        _("attended %(when)s") % {"when": s.local_start().strftime("%Y-%m-%d %H:%M")}
        for s in sessions
    ]
    writer.writerow([safe_cell(h) for h in header])
    order = {"confirmed": 0, "waitlisted": 1, "cancelled": 2}
    registrations = sorted(
        workshop.registrations.all(), key=lambda r: (order[r.status], r.created_at, r.pk)
    )
    for r in registrations:
        row = [r.name, r.email, r.get_status_display(), r.created_at.isoformat(timespec="minutes")]
        row += [_("yes") if (r.pk, s.pk) in present else "" for s in sessions]
        writer.writerow([safe_cell(cell) for cell in row])
    audit.record(
        "export", actor=request.user, role=Role.FACILITATOR, practice_id=workshop.practice_id,
        obj=workshop, detail="registration list (CSV)",
    )  # fmt: skip
    return response
