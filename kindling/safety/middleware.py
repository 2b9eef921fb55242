"""While a client's calm page is open, their programme pages lead back to it: it closes only
when they say they are safe right now or call a line. Help, logging out and their safety plan
stay reachable. The check costs nothing on other requests: it reads a session flag, set when
the page opens (and at login if one is still open)."""

from __future__ import annotations

from django.shortcuts import redirect

from .pathway import SESSION_FLAG

HELD_PATHS = ("/today/", "/check-ins/", "/programme/", "/journal/", "/kindness/")


class SafetyCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.path.startswith(HELD_PATHS)
            and request.user.is_authenticated
            and request.session.get(SESSION_FLAG)
        ):
            return redirect("safety_check")
        return self.get_response(request)


def remember_open_check(sender, request, user, **kwargs) -> None:
    """At login, a calm page left open on another device opens here too."""
    from kindling.safety.models import SafetyCheck

    open_check = (
        SafetyCheck.objects.filter(client__user=user, closed_at__isnull=True)
        .values_list("pk", flat=True)
        .first()
    )
    if open_check:
        request.session[SESSION_FLAG] = open_check
