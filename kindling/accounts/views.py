"""Pages about people: the front door, each role's home, invitations and the practice page."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kindling.lib import access
from kindling.safety.models import Alert

from . import actions
from .forms import (
    AcceptInvitationForm,
    ClientInvitationForm,
    GuardianInvitationForm,
    StaffInvitationForm,
)
from .models import Role, User

# When a person holds several roles, their home is the first of these they hold.
HOME_BY_ROLE = [
    (Role.CLINICIAN, "caseload"),
    (Role.PRACTICE_ADMIN, "practice_home"),
    (Role.FACILITATOR, "staff_home"),
    (Role.RESEARCHER, "staff_home"),
    ("client", "today"),
    ("guardian", "family"),
]


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        from kindling.public import views as public

        practice = public.front_door_practice()
        if practice is not None:
            return public.home_page(request, practice)
        return render(request, "accounts/welcome.html")
    roles = request.user.roles()
    for role, url_name in HOME_BY_ROLE:
        if role in roles:
            return redirect(url_name)
    return render(request, "accounts/no_role.html")


def locked_out(request: HttpRequest, credentials=None, *args, **kwargs) -> HttpResponse:
    """django-axes calls this once the failure limit is reached (AXES_LOCKOUT_CALLABLE)."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME * 60))
    return render(request, "account/locked_out.html", {"minutes": minutes}, status=429)


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and the benchmark's reference: no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


@login_required
def staff_home(request: HttpRequest) -> HttpResponse:
    roles = request.user.roles()
    if not roles & {Role.FACILITATOR, Role.RESEARCHER}:
        raise Http404
    practices = {
        role: list(access.practices_where(request.user, role))
        for role in (Role.FACILITATOR, Role.RESEARCHER)
        if role in roles
    }
    alerts = Alert.most_pressing_first(
        access.alerts_for(request.user).filter(acknowledged_at__isnull=True)
        .select_related("client", "client__user")
        if Role.FACILITATOR in roles else []
    )  # fmt: skip
    return render(request, "accounts/staff_home.html", {"practices": practices, "alerts": alerts})


@login_required
def practice_home(request: HttpRequest) -> HttpResponse:
    practice = access.practices_run_by(request.user).first()
    if practice is None:
        raise Http404
    return redirect("practice_detail", practice_id=practice.pk)


@login_required
def practice_detail(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = access.practice_for(request.user, practice_id)
    form = StaffInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.invite(
                request.user,
                practice,
                email=form.cleaned_data["email"],
                kind=form.cleaned_data["kind"],
                accept_url_base=request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % form.cleaned_data)
            return redirect("practice_detail", practice_id=practice.pk)
    staff = (
        practice.memberships.filter(is_active=True)
        .select_related("user")
        .order_by("user__name", "role")
    )
    invitations = (
        access.invitations_visible_to(request.user)
        .filter(practice=practice)
        .select_related("invited_by")
        .order_by("-created_at")[:50]
    )
    context = {
        "practice": practice,
        "staff": staff,
        "invitations": invitations,
        "client_count": practice.clients.count(),
        "form": form,
    }
    return render(request, "accounts/practice.html", context, status=400 if form.errors else 200)


@login_required
def invite_client(request: HttpRequest) -> HttpResponse:
    """A clinician invites a new client, or a guardian for a young client on their caseload."""
    practices = access.practices_where(request.user, Role.CLINICIAN)
    practice = practices.first()
    if practice is None:
        raise Http404
    young = access.caseload_for(request.user).select_related("user")
    young = [c for c in young if c.is_minor]
    client_form = ClientInvitationForm(
        request.POST if request.POST.get("kind") == "client" else None,
        prefix="client",
        practices=practices,
    )
    guardian_form = GuardianInvitationForm(
        request.POST if request.POST.get("kind") == "guardian" else None,
        prefix="guardian",
        young_people=young,
    )
    form = client_form if request.POST.get("kind") != "guardian" else guardian_form
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # A guardian joins the young person's practice; a client the practice chosen (asked
        # only of a clinician who works in more than one).
        if data.get("for_client") is not None:
            practice = data["for_client"].practice
        elif data.get("practice") is not None:
            practice = data["practice"]
        try:
            actions.invite(
                request.user,
                practice,
                kind=request.POST["kind"],
                accept_url_base=request.build_absolute_uri("/"),
                email=data["email"],
                preferred_name=data.get("preferred_name", ""),
                date_of_birth=data.get("date_of_birth"),
                region=data.get("region", ""),
                for_client=data.get("for_client"),
                relationship=data.get("relationship", ""),
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, _("Invitation sent to %(email)s.") % data)
            return redirect("invite_client")
    invitations = (
        access.invitations_visible_to(request.user)
        .filter(invited_by=request.user, practice=practice)
        .order_by("-created_at")[:30]
    )
    context = {
        "client_form": client_form,
        "guardian_form": guardian_form,
        "has_young_people": bool(young),
        "invitations": invitations,
    }
    status = 400 if (client_form.errors or guardian_form.errors) else 200
    return render(request, "accounts/invite_client.html", context, status=status)


def _attach(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_POST
def revoke_invitation(request: HttpRequest, invitation_id: int) -> HttpResponse:
    invitation = actions.revoke_invitation(request.user, invitation_id)
    if invitation.state == "revoked":
        messages.success(
            request, _("The invitation for %(email)s was withdrawn.") % {"email": invitation.email}
        )
    elif invitation.state == "accepted":
        messages.info(request, _("That invitation had already been used, so it stays as it is."))
    else:
        messages.info(request, _("That invitation had already expired; nothing needed doing."))
    # Only a path on this site: never another host, and never a URL name to resolve.
    back = request.POST.get("next", "")
    safe = back.startswith("/") and url_has_allowed_host_and_scheme(
        back, {request.get_host()}, request.is_secure()
    )
    return HttpResponseRedirect(back if safe else reverse("home"))


def _cannot_complete(request: HttpRequest) -> HttpResponse:
    """The invitation is valid but can no longer be carried out as written (the inviting
    clinician left, or the young person has turned 18). Nothing was created."""
    problem = _(
        "Something has changed at the practice since this invitation was sent, so it can't be "
        "completed as it is. Nothing has been set up. Please ask the practice for a new one."
    )
    return render(request, "accounts/invitation_not_for_you.html", {"problem": problem}, status=409)


def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = actions.open_invitation(token)
    if invitation is None:
        return render(request, "accounts/invitation_unavailable.html", status=404)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        # The person already has an account: they add the new role once logged in as themselves.
        if not request.user.is_authenticated or request.user.pk != existing.pk:
            return render(
                request, "accounts/invitation_login_first.html", {"invitation": invitation}
            )
        problem = actions.why_not_accept(invitation, request.user)
        if problem:
            return render(
                request, "accounts/invitation_not_for_you.html", {"problem": problem}, status=409
            )
        if request.method == "POST":
            try:
                actions.accept_invitation(token, user=request.user)
            except actions.InvitationUnavailable:
                return render(request, "accounts/invitation_unavailable.html", status=409)
            except ValidationError:
                return _cannot_complete(request)
            messages.success(
                request, _("Welcome to %(practice)s.") % {"practice": invitation.practice}
            )
            return redirect("home")
        return render(request, "accounts/invitation_confirm.html", {"invitation": invitation})

    form = AcceptInvitationForm(
        request.POST or None,
        email=invitation.email,
        is_client=invitation.kind == "client",
        preferred_name=invitation.preferred_name,
    )
    if request.method == "POST" and form.is_valid():
        try:
            user = actions.accept_invitation(
                token,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
                preferred_name=form.cleaned_data.get("preferred_name", ""),
            )
        except actions.InvitationUnavailable:
            return render(request, "accounts/invitation_unavailable.html", status=409)
        except ValidationError:
            return _cannot_complete(request)
        else:
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(request, _("Welcome to Kindling. We're glad you're here."))
            return redirect("home")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )
