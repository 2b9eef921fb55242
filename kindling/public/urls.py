"""The practice's public pages under /p/<practice_slug>/, and the practice's pages for its texts
and enquiries. Addresses carry no health data: an enquiry is known only by its number."""

from django.urls import path

from . import views

urlpatterns = [
    path("p/<slug:practice_slug>/", views.home, name="public_home"),
    path(
        "p/<slug:practice_slug>/self-compassion/",
        views.self_compassion,
        name="public_self_compassion",
    ),
    path("p/<slug:practice_slug>/who-we-help/", views.who_we_help, name="public_who_we_help"),
    path("p/<slug:practice_slug>/workshops/", views.workshops, name="public_workshops"),
    path("p/<slug:practice_slug>/therapy/", views.therapy, name="public_therapy"),
    path("p/<slug:practice_slug>/therapy/thanks/", views.thanks, name="public_thanks"),
    path("practice/<int:practice_id>/site/", views.site_texts, name="public_site_texts"),
    path(
        "practice/<int:practice_id>/site/<slug:key>/",
        views.site_text_edit,
        name="public_site_text_edit",
    ),
    path("practice/<int:practice_id>/enquiries/", views.enquiries, name="practice_enquiries"),
    path(
        "practice/<int:practice_id>/enquiries/<int:enquiry_id>/",
        views.enquiry,
        name="practice_enquiry",
    ),
    path(
        "practice/<int:practice_id>/enquiries/<int:enquiry_id>/change",
        views.enquiry_change,
        name="practice_enquiry_change",
    ),
]
