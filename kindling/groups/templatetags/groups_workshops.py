"""The facilitator's workshops on their home page (accounts/staff_home.html)."""

from django import template
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from kindling.lib import access

register = template.Library()


@register.simple_tag
def workshops_i_run(user) -> list:
    """Workshops still to come or under way, soonest first, with places taken."""
    now = timezone.now()
    workshops = (
        access.workshops_led_by(user)
        .annotate(
            first=Min("sessions__starts_at"),
            last=Max("sessions__starts_at"),
            confirmed=Count(
                "registrations", filter=Q(registrations__status="confirmed"), distinct=True
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status="waitlisted"), distinct=True
            ),
        )
        .filter(Q(last__isnull=True) | Q(last__gte=now), cancelled_at__isnull=True)
        .order_by("first", "pk")
    )
    return list(workshops[:20])
