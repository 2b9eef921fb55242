"""While a client's calm page is open, their programme pages lead back to it: it closes only
when they say they are safe right now or call a line. Help, logging out and their safety plan
stay reachable, and so does every form post (so words being saved elsewhere are not lost). The
check is one indexed query, and only on the programme's pages, so every device and every
signed-in session is held, not just the one where the risk was found."""

from __future__ import annotations

from django.shortcuts import redirect

HELD_PATHS = ("/today/", "/check-ins/", "/programme/", "/journal/", "/kindness/")


class SafetyCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and request.path.startswith(HELD_PATHS)
            and request.user.is_authenticated
        ):
            from .models import SafetyCheck

            held = SafetyCheck.objects.filter(
                client__user_id=request.user.pk, closed_at__isnull=True
            ).exists()
            if held:
                return redirect("safety_check")
        return self.get_response(request)
