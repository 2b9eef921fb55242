"""Family practice: a young person and a linked guardian doing a together exercise. Ids only in
the paths; no health data."""

from django.urls import path

from . import together_views as views

urlpatterns = [
    path("today/together/", views.together_home, name="together"),
    path("today/together/try/<slug:exercise_id>/", views.together_new, name="together_new"),
    path("today/together/<int:together_id>/", views.together_practice, name="together_practice"),
    path("today/together/<int:together_id>/share", views.together_share, name="together_share"),
    path(
        "family/<int:client_id>/together/<slug:exercise_id>/",
        views.guardian_together_new,
        name="guardian_together_new",
    ),
    path("family/together/<int:together_id>/", views.guardian_together, name="guardian_together"),
]
