"""The enquiry form: kept encrypted, the practice told without the words, spam turned away
quietly, too many tries answered kindly, and nothing a person typed is ever lost."""

from __future__ import annotations

import pytest
from django.test import Client

from kindling.lib.tests.test_encryption import _raw_database_text
from kindling.public import actions
from kindling.public.models import Enquiry, EnquiryAttempt

MARKER = "MARKER-quokka-5931"
URL = "/p/harbour/therapy/"


def _enquiry(**overrides) -> dict:
    data = {
        "name": f"Robin {MARKER}",
        "contact": f"robin.{MARKER.lower()}@example.org",
        "about": f"I am very hard on myself {MARKER}",
        "preferred_times": f"Mornings {MARKER}",
        "website": "",
    }
    data.update(overrides)
    return data


def test_an_enquiry_is_kept_encrypted_and_thanked(scene, transactional_db):
    response = Client().post(URL, _enquiry(), REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 302 and response["Location"] == "/p/harbour/therapy/thanks/"
    assert "sessionid" not in response.cookies  # no session for a visitor
    thanks = Client().get(response["Location"]).content.decode()
    assert "Thank you for getting in touch" in thanks
    (enquiry,) = Enquiry.objects.all()
    assert enquiry.practice == scene.harbour and enquiry.about.endswith(MARKER)
    raw = _raw_database_text()
    assert "Harbour Light Psychology" in raw  # the control: the scan sees plain text
    assert MARKER not in raw and MARKER.lower() not in raw
    assert "203.0.113.7" not in raw  # the address is only ever hashed


def test_the_e_mail_says_only_that_an_enquiry_arrived(
    scene, mailoutbox, django_capture_on_commit_callbacks
):
    scene.harbour.contact_email = "hello@harbour.test"
    scene.harbour.save()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(URL, _enquiry())
    (mail,) = mailoutbox
    assert mail.to == ["hello@harbour.test", scene.adam.email]
    everything = mail.subject + mail.body + str(mail.message())
    for secret in (MARKER, MARKER.lower(), "Robin", "hard on myself"):
        assert secret not in everything
    assert f"/practice/{scene.harbour.pk}/enquiries/" in mail.body
    assert "Harbour Light Psychology" in mail.subject


def test_the_honeypot_discards_quietly(scene, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(URL, _enquiry(website="http://spam.example"))
    assert response.status_code == 302 and response["Location"].endswith("/therapy/thanks/")
    assert Enquiry.objects.count() == 0 and mailoutbox == []
    assert EnquiryAttempt.objects.count() == 1  # a robot's tries count towards its limit


def test_the_honeypot_is_hidden_from_people_and_screen_readers(scene):
    html = Client().get(URL).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website" id="id_website" tabindex="-1"' in html
    assert "style=" not in html  # hidden by site.css, not an inline style


def test_too_many_from_one_address_are_paused_kindly_keeping_the_words(scene):
    client = Client()
    for n in range(actions.RATE_LIMIT):
        client.post(URL, _enquiry(name=f"Robin {n}"), REMOTE_ADDR="198.51.100.4")
    kept = _enquiry(about="Please keep these words")
    response = client.post(URL, kept, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 429
    html = response.content.decode()
    assert "resting for now" in html and "Please keep these words" in html
    assert Enquiry.objects.count() == actions.RATE_LIMIT
    # Another address is not held up.
    other = client.post(URL, _enquiry(), REMOTE_ADDR="198.51.100.5")
    assert other.status_code == 302
    # Hashes only: no address in the table.
    keys = set(EnquiryAttempt.objects.values_list("client_key", flat=True))
    assert len(keys) == 2 and all(len(k) == 64 and "198." not in k for k in keys)


@pytest.mark.parametrize(
    "change,message",
    [
        ({"name": ""}, "Please tell us what to call you."),
        ({"contact": ""}, "Please give us an e-mail address or a phone number."),
        ({"contact": "robin@"}, "look quite right"),
        ({"contact": "call me"}, "e-mail address (with an @) or a phone number"),
        ({"about": "x" * 4001}, "at most 4000 characters"),
    ],
)
def test_bad_input_keeps_every_word_and_says_what_to_fix(scene, change, message):
    data = _enquiry(**change)
    response = Client().post(URL, data)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Everything you wrote is still here" in html
    for field in ("name", "contact", "preferred_times"):
        if data[field] and field not in change:
            assert data[field] in html
    assert Enquiry.objects.count() == 0 and EnquiryAttempt.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"name": "\x00", "contact": "\x00"},
        {"name": ["a", "b"], "contact": "0400 000 000"},
        {"csrfmiddlewaretoken": "nonsense", "name": "A" * 100_000, "contact": "x@y"},
    ],
)
def test_garbage_never_gives_a_500(scene, data):
    response = Client().post(URL, data)
    assert response.status_code in (302, 400)


def test_bytes_that_are_not_utf8_never_give_a_500(scene):
    body = b"name=%ED%A0%80%FF&contact=0400+000+000&about=%C3%28"
    response = Client().post(URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code in (302, 400)


def test_a_phone_number_is_fine(scene):
    assert Client().post(URL, _enquiry(contact="+61 (3) 9000 0000")).status_code == 302


def test_only_a_post_to_a_real_practice_is_kept(db):
    assert Client().post("/p/nowhere/therapy/", _enquiry()).status_code == 404
    assert Enquiry.objects.count() == 0
