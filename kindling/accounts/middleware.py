"""Rules that apply to every page: staff use two-step login, idle sessions end, and a client
starts the programme only after consent."""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kindling.lib import drafts

from . import consent
from .models import STAFF_ROLES, ClientProfile

# Pages a staff member without two-step login may still reach: setting it up, logging out,
# and help. Everything else waits until it is set up.
MFA_SETUP_PATHS = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/",
                   "/static/", "/crisis/", "/healthz")  # fmt: skip

# How often the last-seen time is written back: often enough to be accurate, rarely enough
# that reading a page does not write to the database on every request.
TOUCH_EVERY_SECONDS = 60


def is_staff_member(user) -> bool:
    # Operators with Django-admin rights count as staff too: they see the most.
    return bool(user.is_staff or user.is_superuser or user.roles() & STAFF_ROLES)


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(MFA_SETUP_PATHS)
            and is_staff_member(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            messages.info(
                request,
                _("Staff accounts use two-step login. Please set it up to continue; "
                  "it takes about a minute with an authenticator app."),
            )  # fmt: skip
            return redirect("mfa_activate_totp")
        return self.get_response(request)


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated:
            now = int(time.time())
            limit = 60 * (
                settings.STAFF_IDLE_MINUTES if is_staff_member(user)
                else settings.CLIENT_IDLE_MINUTES
            )  # fmt: skip
            last_seen = request.session.get("last_seen", now)
            if now - last_seen > limit:
                kept = drafts.park(request, user)  # words being sent are kept, not lost
                logout(request)  # flushes the session on the server, not just the cookie
                messages.info(
                    request,
                    _("You were logged out after a quiet spell, to keep things private. "
                      "What you were writing is saved: log in again and it will be there.")
                    if kept else
                    _("You were logged out after a quiet spell, to keep things private. "
                      "Log in again whenever you're ready."),
                )  # fmt: skip
                return redirect_to_login(request.get_full_path())
            if now - last_seen >= TOUCH_EVERY_SECONDS or "last_seen" not in request.session:
                request.session["last_seen"] = now
        return self.get_response(request)


class ConsentRequiredMiddleware:
    """A client uses the programme only once they (and, for a child, a guardian) have agreed
    to the current texts. Only the client's own pages wait for consent: help, logging out,
    their data, and any staff or family pages the same person may also have stay open."""

    # The programme's pages join this list as they arrive.
    CLIENT_PATHS = (
        "/today/", "/check-ins/", "/programme/", "/journal/", "/kindness/", "/safety/plan/",
        "/my-groups/",
    )  # fmt: skip

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and request.path.startswith(self.CLIENT_PATHS)
            and request.session.get("consent_ok") != consent.current_key()
            and "client" in user.roles()
        ):
            profile = ClientProfile.objects.get(user=user)
            if not consent.may_use_programme(profile):
                return redirect("my_consent")
            request.session["consent_ok"] = consent.current_key()
        return self.get_response(request)
