from django.urls import path

from . import views

urlpatterns = [
    path(
        "p/<slug:practice_slug>/workshops/<slug:workshop_slug>/",
        views.workshop_public,
        name="workshop_public",
    ),
    path(
        "p/<slug:practice_slug>/workshops/<slug:workshop_slug>/booked/",
        views.workshop_booked,
        name="workshop_booked",
    ),
    path("workshops/booking/<str:token>/", views.booking_manage, name="booking_manage"),
    path("workshops/join/<str:token>/", views.workshop_join, name="workshop_join"),
    path("my-workshops/", views.my_workshops, name="my_workshops"),
    path("my-workshops/<int:registration_id>/", views.my_registration, name="my_registration"),
    path(
        "my-workshops/<int:registration_id>/cancel",
        views.my_registration_cancel,
        name="my_registration_cancel",
    ),
    path("workshops/", views.workshop_list, name="workshops"),
    path("workshops/new/", views.workshop_new, name="workshop_new"),
    path("workshops/<int:workshop_id>/", views.workshop_run, name="workshop_run"),
    path("workshops/<int:workshop_id>/edit/", views.workshop_edit, name="workshop_edit"),
    path(
        "workshops/<int:workshop_id>/attendance",
        views.workshop_attendance,
        name="workshop_attendance",
    ),
    path("workshops/<int:workshop_id>/message", views.workshop_message, name="workshop_message"),
    path(
        "workshops/<int:workshop_id>/registrations.csv",
        views.workshop_csv,
        name="workshop_csv",
    ),
]
