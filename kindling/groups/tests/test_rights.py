"""Bookings are in a person's copy of their data, and go when they are erased."""

from __future__ import annotations

from kindling.accounts import rights
from kindling.groups import actions
from kindling.groups.models import Attendance, GroupMessage, Registration

from .conftest import SITE, make_workshop


def test_bookings_and_group_messages_are_in_the_copy_and_erased(scene):
    workshop = make_workshop(scene, capacity=1)
    sam = actions.register(workshop, name="Sam", email="sam@example.test", site=SITE,
                           user=scene.sam).registration  # fmt: skip
    Attendance.objects.create(registration=sam, session=workshop.sessions.get())
    GroupMessage.objects.create(workshop=workshop, sent_by=scene.fran, body="See you Tuesday")
    guest = actions.register(workshop, name="Ann", email="ann@example.test", site=SITE)
    data = rights.export_for(scene.sam)["workshops"]
    (booking,) = data["bookings"]
    assert booking["workshop"] == "A kind morning" and booking["status"] == "confirmed"
    assert len(booking["attended_sessions"]) == 1
    assert booking["messages_to_the_group"][0]["text"] == "See you Tuesday"
    assert "ann@example.test" not in str(data)  # nobody else's booking
    fran = rights.export_for(scene.fran)["workshops"]
    assert fran["workshops_you_facilitate"] == ["A kind morning"]
    assert fran["messages_you_wrote_to_groups"][0]["text"] == "See you Tuesday"

    from kindling.groups.rights import erase_workshops

    erase_workshops(scene.sam.client_profile)
    assert list(Registration.objects.values_list("pk", flat=True)) == [guest.registration.pk]
    assert not Attendance.objects.exists()
