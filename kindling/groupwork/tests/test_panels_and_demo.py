"""The panels other pages include, the consent step, and the demo's group."""

from __future__ import annotations

from allauth.mfa.totp.internal.auth import TOTP
from django.template.loader import render_to_string
from django.test import RequestFactory

from conftest import STAFF_TOTP_SECRET
from conftest import signed_in as _as
from kindling.accounts.models import ConsentRecord, User
from kindling.groups.models import Registration
from kindling.groupwork import actions
from kindling.groupwork.aggregate import group_summary
from kindling.groupwork.models import GroupCheckIn, GroupUnlock, PeerPost

from .helpers import make_group


def _render(template, user, **context):
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string(template, {"user": user, **context}, request=request)


def test_the_facilitators_panel_shows_only_to_those_who_run_the_group(scene):
    workshop = make_group(scene)
    actions.write_post(workshop, scene.sam.client_profile, body="A small kind note.",
                       show_as="first_name")  # fmt: skip
    panel = _render("groupwork/workshop_panel.html", scene.fran, workshop=workshop)
    assert "1 peer post waiting for you to read it" in panel
    assert f"/workshops/{workshop.pk}/group/" in panel
    for other in (scene.ruth, scene.sam, scene.adam):
        assert "peer post" not in _render("groupwork/workshop_panel.html", other,
                                          workshop=workshop)  # fmt: skip


def test_the_participants_panel_needs_a_confirmed_place_of_ones_own(scene):
    workshop = make_group(scene)
    mine = Registration.objects.get(workshop=workshop, user=scene.sam)
    panel = _render("groupwork/participant_panel.html", scene.sam, workshop=workshop,
                    registration=mine)  # fmt: skip
    assert f"/my-groups/{workshop.pk}/" in panel
    assert "/my-groups/" not in _render("groupwork/participant_panel.html", scene.maya,
                                        workshop=workshop, registration=mine)  # fmt: skip
    Registration.objects.filter(pk=mine.pk).update(status="cancelled")
    mine.refresh_from_db()
    assert "/my-groups/" not in _render("groupwork/participant_panel.html", scene.sam,
                                        workshop=workshop, registration=mine)  # fmt: skip


def test_the_group_page_waits_for_consent_like_the_programme(scene):
    workshop = make_group(scene)
    ConsentRecord.objects.filter(client=scene.sam.client_profile).delete()
    response = _as(scene.sam).get(f"/my-groups/{workshop.pk}/")
    assert response.status_code == 302 and response["Location"] == "/consent/"


def test_my_groups_lists_only_confirmed_places(scene):
    workshop = make_group(scene)
    assert workshop.title in _as(scene.sam).get("/my-groups/").content.decode()
    assert workshop.title not in _as(scene.zed).get("/my-groups/").content.decode()


def test_the_demo_group_shows_its_average_and_loads_twice_the_same(db):
    from kindling.accounts import demo

    demo.load()
    demo.load()
    assert GroupUnlock.objects.count() == 1
    check_in = GroupCheckIn.objects.get(phase="before")
    assert group_summary(actions.answered_totals(check_in)).shown
    statuses = sorted(PeerPost.objects.values_list("status", flat=True))
    assert statuses == ["approved", "approved", "held", "pending"]


def test_the_demo_facilitator_has_a_participants_alert_to_open(db):
    # A participant with no clinician wrote urgent words in the group: the alert is Priya's, its
    # page shows the post behind it and what she might do, and the group never sees the post.
    from kindling.accounts import demo
    from kindling.lib import access
    from kindling.safety.models import Alert

    demo.load()
    priya = User.objects.get(email="facilitator@demo.kindling")
    (alert,) = access.alerts_for(priya).filter(acknowledged_at__isnull=True)
    assert (alert.level, alert.about, alert.source) == ("urgent", "self", Alert.Source.GROUP)
    assert not access.active_clinicians(alert.client)
    held = PeerPost.objects.get(status=PeerPost.Status.HELD)
    assert alert.source_id == f"peer-{held.pk}" and held.author_id == alert.client.user_id
    TOTP.activate(priya, STAFF_TOTP_SECRET)  # staff pages need the second step set up
    response = _as(priya).get(f"/alerts/{alert.pk}/")
    assert response.status_code == 200, response.get("Location")
    page = response.content.decode()
    assert "better off without me" in page  # the words behind it, in a group she runs
    assert "What you might do" in page
    assert "Possible risk to the participant" in page and "to the client" not in page
    other = access.group_participants(held.workshop).exclude(user=held.author).first()
    group_page = _as(other.user).get(f"/my-groups/{held.workshop_id}/")
    assert group_page.status_code == 200
    assert "better off without me" not in group_page.content.decode()
