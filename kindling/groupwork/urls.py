"""Group work addresses: the facilitator's under the workshop, the participant's under
/my-groups/. Only ids in paths, never words about anyone."""

from django.urls import path

from . import views

urlpatterns = [
    path("workshops/<int:workshop_id>/group/", views.facilitator_group, name="group_facilitator"),
    path("workshops/<int:workshop_id>/group/unlock", views.unlock_stage, name="group_unlock_stage"),
    path(
        "workshops/<int:workshop_id>/group/check-ins/open",
        views.open_check_in,
        name="group_open_check_in",
    ),
    path(
        "workshops/<int:workshop_id>/group/posts/<int:post_id>/decide",
        views.moderate_post,
        name="group_moderate_post",
    ),
    path("my-groups/", views.my_groups, name="my_groups"),
    path("my-groups/<int:workshop_id>/", views.participant_group, name="group_participant"),
    path("my-groups/<int:workshop_id>/posts", views.write_post, name="group_write_post"),
    path(
        "my-groups/<int:workshop_id>/posts/<int:post_id>/report",
        views.report_post,
        name="group_report_post",
    ),
    path(
        "my-groups/<int:workshop_id>/posts/<int:post_id>/take-down",
        views.take_down_own_post,
        name="group_take_down_post",
    ),
]
