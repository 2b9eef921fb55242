"""Addresses of the kindness plan. The feed's address holds only its secret token."""

from django.urls import path

from . import kindness_views as views

urlpatterns = [
    path("kindness/", views.plan, name="kindness"),
    path("kindness/acts/<int:act_id>/mark", views.mark, name="kindness_mark"),
    path("kindness/acts/<int:act_id>/stop", views.stop, name="kindness_stop"),
    path("kindness/calendar/", views.calendar, name="kindness_calendar"),
    path("calendar/<str:token>.ics", views.feed, name="kindness_feed"),
]
