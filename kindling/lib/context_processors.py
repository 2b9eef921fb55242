"""What every template may use: the crisis link for the visitor's region, and their roles."""

from django.conf import settings

CRISIS_REGIONS = {"AU", "NZ", "UK", "US", "CA", "IE", "INT"}


def crisis_path(region: str) -> str:
    region = (region or "").upper()
    return f"/crisis/{region.lower() if region in CRISIS_REGIONS else 'int'}/"


def kindling(request):
    from kindling.safety.practice_lines import crisis_url

    user = getattr(request, "user", None)
    region = settings.REGION
    roles: set[str] = set()
    url = None
    if user is not None and user.is_authenticated:
        roles = user.roles()
        profile = getattr(user, "client_profile", None) if "client" in roles else None
        if profile is not None:
            # A practice that keeps its own list for its region sends its clients there.
            url = crisis_url(profile.practice, profile.region)
    return {"crisis_url": url or crisis_path(region), "roles": roles}
