"""Every free text a person writes passes through the risk screen on save (issue 6, point 4):
besides journal entries, check-in notes and group posts (tested beside them), the words of a
kindness plan, the reason given for reporting a group post, an enquiry through the public
pages and a guardian's note after practising together. Each answers in the way that fits who
wrote it; none drops a risk silently."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from conftest import signed_in as _as
from kindling.groupwork import actions as groupwork
from kindling.groupwork.models import PeerReport
from kindling.groupwork.tests.helpers import make_group
from kindling.lib import access
from kindling.program import pacing
from kindling.program.models import KindnessAct, TogetherPractice
from kindling.public.models import Enquiry
from kindling.safety import pathway
from kindling.safety.models import Alert, SafetyCheck

URGENT_SELF = "I want to die"
URGENT_OTHER = "my dad says he is going to kill himself tonight"
ORDINARY = "A slow walk by the water after work"


# Where a client goes next ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "outcome,page",
    [
        (pathway.Outcome("urgent", "self"), "safety_check"),
        (pathway.Outcome("urgent", "unclear"), "safety_check"),
        (pathway.Outcome("urgent", "other"), "safety_support"),
        (pathway.Outcome("concern", "other"), "safety_support"),
        (pathway.Outcome("concern", "self"), None),
        (pathway.NONE, None),
    ],
)
def test_page_after_sends_each_outcome_where_it_belongs(outcome, page):
    assert pathway.page_after(outcome) == page


# The kindness plan ----------------------------------------------------------------------------


def test_a_kind_act_in_risky_words_raises_an_alert_and_opens_the_calm_page(scene):
    sam = _as(scene.sam)
    response = sam.post("/kindness/", {"text": URGENT_SELF, "days": ["1"]})
    assert response.status_code == 302 and response["Location"] == "/safety/check/"
    act = KindnessAct.objects.get(client=scene.sam.client_profile)  # the words are kept
    # ...and the calm page says so, so nobody wonders whether they were lost.
    assert "What you wrote is saved in your plan." in sam.get("/safety/check/").content.decode()
    alert = Alert.objects.get(client=scene.sam.client_profile)
    assert alert.level == "urgent" and alert.about == "self"
    assert alert.source == "kindness" and alert.source_id == f"kindness-{act.pk}"
    assert alert in access.alerts_for(scene.ruth)
    assert SafetyCheck.objects.filter(client=scene.sam.client_profile, closed_at=None).exists()
    page = _as(scene.ruth).get(f"/alerts/{alert.pk}/").content.decode()
    assert "their plan of kind acts" in page


def test_an_ordinary_kind_act_raises_nothing(scene):
    response = _as(scene.sam).post("/kindness/", {"text": ORDINARY, "days": ["1"]})
    assert response.status_code == 302 and response["Location"] == "/kindness/"
    assert not Alert.objects.exists()


# Reporting a group post -----------------------------------------------------------------------


def _reported(scene, reporter, reason):
    workshop = make_group(scene)
    post = groupwork.write_post(
        workshop, scene.sam.client_profile, body="Kind words to the group.", show_as="first_name"
    )
    groupwork.approve(post, by=scene.fran)
    url = f"/my-groups/{workshop.pk}/posts/{post.pk}/report"
    return workshop, _as(reporter).post(url, {"reason": reason})


def test_a_report_saying_someone_is_in_danger_is_flagged_and_alerted(scene):
    workshop, response = _reported(scene, scene.maya, URGENT_OTHER)
    # The reporter is shown support meant for someone worried about a fellow group member.
    assert response.status_code == 302
    assert response["Location"] == f"/safety/support/?group={workshop.pk}"
    support = _as(scene.maya).get(response["Location"]).content.decode()
    assert "Worrying about someone in your group is hard" in support
    assert f'href="/my-groups/{workshop.pk}/"' in support
    # A group the person is not in is ignored.
    other = _as(scene.maya).get("/safety/support/?group=999").content.decode()
    assert "Back to today" in other
    report = PeerReport.objects.get()
    assert report.risk_level == "urgent" and report.risk_about == "other"
    alert = Alert.objects.get(client=scene.maya.client_profile)
    assert alert.about == "other" and alert.source_id == f"report-{report.pk}"
    assert alert.source == "group"
    page = _as(scene.fran).get(f"/workshops/{workshop.pk}/group/").content.decode()
    assert "The reason may mean someone is at risk: please read it now" in page
    # The facilitator's Work page says so too, and leads to the group's page.
    work = _as(scene.fran).get("/work/").content.decode()
    assert "Group posts to decide on" in work and "1 reported post" in work
    assert f'href="/workshops/{workshop.pk}/group/"' in work
    assert "reason may mean someone is at risk: please read it now" in work


def test_a_second_report_of_the_same_post_does_not_alert_the_authors_team_twice(
    scene, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        workshop, _response = _reported(scene, scene.maya, URGENT_OTHER)
    post = PeerReport.objects.get().post
    sam = scene.sam.client_profile
    mails = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        _as(scene.leo).post(
            f"/my-groups/{workshop.pk}/posts/{post.pk}/report",
            {"reason": "i think sam is going to kill himself tonight"},
        )
    assert PeerReport.objects.count() == 2  # the facilitator reads both reports
    assert Alert.objects.filter(client=sam, source="report").count() == 1
    # The only new e-mail is about Leo's own worry (his team hears he is worried about someone).
    leos = Alert.objects.filter(client=scene.leo.client_profile)
    assert len(mailoutbox) - mails == leos.count() == 1
    # Once that alert is acknowledged, a new report of the post is a new alert.
    Alert.objects.filter(client=sam).update(acknowledged_at=timezone.now())
    _as(scene.maya).post(
        f"/my-groups/{workshop.pk}/posts/{post.pk}/report",
        {"reason": "sam says he is going to end his life tonight"},
    )
    assert Alert.objects.filter(client=sam, source="report").count() == 2


def test_the_work_page_lists_no_group_posts_when_none_wait(scene):
    _reported(scene, scene.maya, "It felt unkind to me.")
    work = _as(scene.fran).get("/work/").content.decode()
    assert "1 reported post" in work and "may mean someone is at risk" not in work
    PeerReport.objects.update(resolved_at=timezone.now())
    assert "Group posts to decide on" not in _as(scene.fran).get("/work/").content.decode()


def test_a_report_worried_about_the_author_tells_the_authors_care_team_too(
    scene, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        _workshop, response = _reported(scene, scene.maya, URGENT_OTHER)
    sam = scene.sam.client_profile
    alert = Alert.objects.get(client=sam)
    assert (alert.level, alert.about, alert.source) == ("urgent", "unclear", "report")
    assert alert.source_id == f"post-{PeerReport.objects.get().post_id}"
    assert alert.headline.startswith("a group member reported their post")
    # Sam did not write these words: his own calm page is not opened by them.
    assert not SafetyCheck.objects.filter(client=sam).exists()
    assert _as(scene.sam).get("/today/").status_code == 200
    # His care team is e-mailed (urgent), and their page says whose words these are, not who.
    assert any(scene.ruth.email in m.to for m in mailoutbox)
    page = _as(scene.ruth).get(f"/alerts/{alert.pk}/").content.decode()
    assert "who reported it is not shown here" in page
    assert scene.maya.name not in page


def test_a_report_about_the_reporters_own_risk_opens_their_calm_page(scene):
    _workshop, response = _reported(scene, scene.maya, URGENT_SELF)
    assert response.status_code == 302 and response["Location"] == "/safety/check/"
    assert Alert.objects.get(client=scene.maya.client_profile).about == "self"
    # Nothing in it says the post's author is at risk: their team is not told.
    assert not Alert.objects.filter(client=scene.sam.client_profile).exists()


def test_a_second_report_is_kept_as_the_first_but_its_words_are_still_screened(scene):
    workshop, first = _reported(scene, scene.maya, "It felt unkind to me.")
    post = PeerReport.objects.get().post
    url = f"/my-groups/{workshop.pk}/posts/{post.pk}/report"
    again = _as(scene.maya).post(url, {"reason": URGENT_SELF})
    assert again["Location"] == "/safety/check/"
    report = PeerReport.objects.get()  # still one report
    assert report.reason == "It felt unkind to me." and report.risk_level == "urgent"
    assert Alert.objects.get(client=scene.maya.client_profile).source_id.endswith("-again")
    page = _as(scene.fran).get(f"/workshops/{workshop.pk}/group/").content.decode()
    assert "The reason may mean the person reporting is at risk: please read it now" in page


def test_an_ordinary_report_raises_nothing(scene):
    workshop, response = _reported(scene, scene.maya, "It felt unkind to me.")
    assert response.status_code == 302
    assert response["Location"] == f"/my-groups/{workshop.pk}/"
    assert PeerReport.objects.get().risk_level == "none" and not Alert.objects.exists()


# An enquiry through the public pages ----------------------------------------------------------


ENQUIRY_URL = "/p/harbour/therapy/"


def _enquire(about: str) -> tuple:
    data = {"name": "Robin", "contact": "robin@example.org", "about": about, "website": ""}
    return Client().post(ENQUIRY_URL, data)


def test_an_enquiry_in_urgent_words_shows_crisis_help_at_once_and_is_marked(
    scene, mailoutbox, django_capture_on_commit_callbacks
):
    scene.harbour.contact_email = "hello@harbour.test"
    scene.harbour.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = _enquire(f"{URGENT_SELF}, I can't see the point of any of it")
    assert response.status_code == 302
    assert response["Location"] == "/p/harbour/therapy/thanks/?more=1#more"
    thanks = Client().get(response["Location"]).content.decode()
    assert "Please don't wait for our reply" in thanks
    assert 'href="tel:000"' in thanks  # Harbour is in Australia: the emergency number first
    assert thanks.index('href="tel:000"') < thanks.index("Lifeline")
    # The practice's usual "we reply within a few working days" is not shown beside it.
    assert "working days" not in thanks and "working hours" not in thanks
    (enquiry,) = Enquiry.objects.all()
    assert enquiry.risk_level == "urgent" and enquiry.screened_by
    # The e-mail asks for attention soon, like an alert, and carries none of the words.
    (mail,) = mailoutbox
    assert "It needs your attention soon." in mail.body
    for secret in ("die", "point", "Robin", "risk"):
        assert secret not in mail.subject + mail.body
    # The practice sees it first, marked, and the detail names what the screen read.
    _enquire("I'd like help with being hard on myself")
    listing = _as(scene.adam).get(f"/practice/{scene.harbour.pk}/enquiries/").content.decode()
    assert listing.index(f"/enquiries/{enquiry.pk}/") < listing.index(
        f"/enquiries/{Enquiry.objects.exclude(pk=enquiry.pk).get().pk}/"
    )
    assert "Please read today: the words may mean risk" in listing
    page = _as(scene.adam).get(f"/practice/{scene.harbour.pk}/enquiries/{enquiry.pk}/")
    html = page.content.decode()
    assert "The words may mean risk: please reply today" in html and "want to die" in html


def test_an_ordinary_enquiry_is_not_marked_and_its_thanks_is_the_usual_one(scene, mailoutbox):
    response = _enquire("I'd like to learn to be kinder to myself")
    assert response["Location"] == "/p/harbour/therapy/thanks/"
    (enquiry,) = Enquiry.objects.all()
    assert enquiry.risk_level == "none" and not enquiry.flagged
    usual = Client().get(response["Location"]).content.decode()
    assert "Please don't wait" not in usual and "working days" in usual


def test_the_thank_you_page_asked_for_help_holds_nothing_of_anyone(scene):
    # Anyone can open the address, which says nothing of why; it shows only crisis lines.
    html = Client().get("/p/harbour/therapy/thanks/?more=1").content.decode()
    assert "Please don't wait for our reply" in html and 'href="tel:000"' in html
    other = Client().get("/p/harbour/therapy/thanks/?more=other")
    assert other.status_code == 200
    assert "Please don't wait for our reply" not in other.content.decode()


def test_a_concern_in_an_enquiry_is_marked_without_asking_for_attention_soon(
    scene, mailoutbox, django_capture_on_commit_callbacks
):
    scene.harbour.contact_email = "hello@harbour.test"
    scene.harbour.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = _enquire("I feel hopeless about everything lately")
    assert response["Location"] == "/p/harbour/therapy/thanks/"
    (enquiry,) = Enquiry.objects.all()
    assert enquiry.risk_level == "concern"
    (mail,) = mailoutbox
    assert "attention soon" not in mail.body
    listing = _as(scene.adam).get(f"/practice/{scene.harbour.pk}/enquiries/").content.decode()
    assert "Worth a prompt reply" in listing
    page = _as(scene.adam).get(f"/practice/{scene.harbour.pk}/enquiries/{enquiry.pk}/")
    assert "thank-you page showed them crisis lines" not in page.content.decode()


# A guardian's note after practising together --------------------------------------------------


TOGETHER = "kindness-together"


def test_a_guardians_note_that_someone_is_in_danger_reaches_the_care_team(scene):
    pacing.unlock(scene.maya.client_profile, by=scene.ruth, stage_id="them-and-me")
    url = f"/family/{scene.maya.client_profile.pk}/together/{TOGETHER}/"
    jo = _as(scene.jo)
    form = jo.get(url).content.decode()
    assert "unless it says someone may be in danger" in form  # the form says so before
    words = "Maya told me tonight she wants to die"
    response = jo.post(url, {"felt": "calm", "note": words, "key": "g1"})
    assert response.status_code == 302
    assert response["Location"] == f"/family/{scene.maya.client_profile.pk}/"
    assert TogetherPractice.objects.get().guardian_note == words  # kept
    alert = Alert.objects.get(client=scene.maya.client_profile)
    # The gentler kind: Maya did not write it, so her own calm page does not open.
    assert alert.about == "other" and alert.source == "family" and alert.level == "urgent"
    assert alert in access.alerts_for(scene.ruth)
    assert not SafetyCheck.objects.exists()
    page = jo.get(response["Location"]).content.decode()
    assert "care team will see it" in page and "call 000" in page


def test_a_guardians_own_urgent_words_reach_the_care_team_too(scene):
    pacing.unlock(scene.maya.client_profile, by=scene.ruth, stage_id="them-and-me")
    url = f"/family/{scene.maya.client_profile.pk}/together/{TOGETHER}/"
    _as(scene.jo).post(url, {"felt": "calm", "note": URGENT_SELF, "key": "g3"})
    alert = Alert.objects.get(client=scene.maya.client_profile)
    assert (alert.level, alert.about) == ("urgent", "other")


def test_a_guardians_ordinary_note_is_kept_quietly(scene):
    pacing.unlock(scene.maya.client_profile, by=scene.ruth, stage_id="them-and-me")
    url = f"/family/{scene.maya.client_profile.pk}/together/{TOGETHER}/"
    response = _as(scene.jo).post(url, {"felt": "calm", "note": ORDINARY, "key": "g2"})
    assert response.status_code == 302
    assert response["Location"] == f"/family/{scene.maya.client_profile.pk}/"


# From a new user's walk of the demo ------------------------------------------------------------


def test_the_walks_farewell_in_a_kindness_plan_opens_the_calm_page(scene):
    response = _as(scene.sam).post(
        "/kindness/", {"text": "give the dog to my sister and say goodbye", "days": ["1"]}
    )
    assert response["Location"] == "/safety/check/"


def test_a_guardians_alert_says_who_wrote_it_on_the_caseload_and_the_record(scene):
    pacing.unlock(scene.maya.client_profile, by=scene.ruth, stage_id="them-and-me")
    url = f"/family/{scene.maya.client_profile.pk}/together/{TOGETHER}/"
    _as(scene.jo).post(url, {"felt": "calm", "note": "Maya says she wants to die", "key": "g4"})
    ruth = _as(scene.ruth)
    caseload = ruth.get("/caseload/").content.decode()
    assert "their parent or carer wrote that someone may be at risk" in caseload
    alert = Alert.objects.get()
    page = ruth.get(f"/alerts/{alert.pk}/").content.decode()
    assert "about someone else" in page and "(urgent, other)" not in page
    assert "only what the screen found is shown here" in page


def test_an_acknowledged_alert_can_still_be_opened_from_the_record(scene):
    from kindling.safety import pathway as path

    raised = path.raise_alert(
        scene.sam.client_profile, level="concern", about="self", source="text", source_id="1"
    )
    path.acknowledge(raised.alert, by=scene.ruth, role="clinician", note="Rang Sam.")
    record = _as(scene.ruth).get(f"/clients/{scene.sam.client_profile.pk}/").content.decode()
    assert f'href="/alerts/{raised.alert.pk}/"' in record


def test_a_report_reason_too_long_is_refused_kindly_and_kept(scene):
    workshop = make_group(scene)
    post = groupwork.write_post(
        workshop, scene.sam.client_profile, body="Kind words to the group.", show_as="first_name"
    )
    groupwork.approve(post, by=scene.fran)
    url = f"/my-groups/{workshop.pk}/posts/{post.pk}/report"
    response = _as(scene.maya).post(url, {"reason": "x" * 900})
    html = response.content.decode()
    assert response.status_code == 400 and "this one has 900" in html and "x" * 900 in html
    assert "Ensure this value" not in html and not PeerReport.objects.exists()


def test_a_staff_members_own_urgent_note_offers_help_and_tells_nobody(scene):
    ruth = _as(scene.ruth)
    response = ruth.post("/my-practice/safe-place/", {"note": URGENT_SELF})
    assert response.status_code == 302
    page = ruth.get(response["Location"]).content.decode()
    assert "please call a crisis line" in page
    assert not Alert.objects.exists()


def test_a_guests_urgent_report_reason_is_e_mailed_to_the_facilitator(
    scene, mailoutbox, django_capture_on_commit_callbacks
):
    from kindling.accounts import actions as accounts
    from kindling.groupwork.tests.helpers import register

    workshop = make_group(scene)
    guest = accounts.create_user("guest@example.test", None, name="Gwen Guest")
    register(workshop, guest)  # a place in the group, but no client record
    post = groupwork.write_post(
        workshop, scene.sam.client_profile, body="Kind words to the group.", show_as="first_name"
    )
    groupwork.approve(post, by=scene.fran)
    with django_capture_on_commit_callbacks(execute=True):
        made = groupwork.report(post, by=guest, reason=URGENT_SELF)
    assert made.risk_level == "urgent" and not Alert.objects.exists()
    (mail,) = mailoutbox
    assert mail.to == [scene.fran.email] and "attention soon" in mail.body
    assert "die" not in mail.subject + mail.body
    # An ordinary reason from a guest tells nobody.
    mailoutbox.clear()
    other = groupwork.write_post(
        workshop, scene.maya.client_profile, body="Tea helped.", show_as="first_name"
    )
    groupwork.approve(other, by=scene.fran)
    with django_capture_on_commit_callbacks(execute=True):
        groupwork.report(other, by=guest, reason="It felt off topic.")
    assert mailoutbox == []


def test_a_report_that_the_author_is_hurt_at_home_tells_their_team_at_once_and_not_by_words(
    scene, django_capture_on_commit_callbacks, mailoutbox
):
    from kindling.safety.rights import export_safety

    with django_capture_on_commit_callbacks(execute=True):
        _reported(scene, scene.maya, "she says her stepdad hits her")
    alert = Alert.objects.get(client=scene.sam.client_profile)
    assert alert.source == "report" and alert.level == "concern"
    assert any("attention soon" in m.body for m in mailoutbox if scene.ruth.email in m.to)
    # The author's own copy of their data does not hand over another member's words.
    _name, data = export_safety(scene.sam)
    (exported,) = data["alerts"]
    assert exported["words_that_raised_it"] == []


def test_an_enquiry_saying_the_writer_is_hurt_at_home_shows_help_now(scene):
    response = _enquire("my dad hits me when he is drunk, can I get some help")
    assert response["Location"] == "/p/harbour/therapy/thanks/?more=1#more"
    assert Enquiry.objects.get().risk_level == "concern"


@pytest.mark.parametrize("who", ["he", "she"])
def test_a_reporter_worried_the_author_is_hurt_at_home_is_not_taken_for_the_one_at_risk(scene, who):
    # From a new user's walk: "I think he is being hurt at home" sent the reporter to the calm
    # page as if at risk themselves, and "she" raised nothing at all.
    workshop, response = _reported(scene, scene.maya, f"I think {who} is being hurt at home")
    assert response["Location"] == f"/safety/support/?group={workshop.pk}"
    assert not SafetyCheck.objects.exists()
    author_alert = Alert.objects.get(client=scene.sam.client_profile)
    assert author_alert.source == "report" and author_alert.level == "concern"
    assert Alert.objects.get(client=scene.maya.client_profile).about == "other"


def test_an_alert_that_someone_may_not_be_safe_at_home_reminds_of_safeguarding(scene):
    _as(scene.maya).post("/journal/new/free/", {"body": "dad hits me", "action": "save"})
    alert = Alert.objects.get()
    page = _as(scene.ruth).get(f"/alerts/{alert.pk}/").content.decode()
    assert "Someone at home may be causing harm" in page and "child-protection" in page
    urgent = _as(scene.sam).post("/journal/new/free/", {"body": URGENT_SELF, "action": "save"})
    assert urgent.status_code == 302
    other = Alert.objects.get(client=scene.sam.client_profile)
    assert "Someone at home may be causing harm" not in (
        _as(scene.ruth).get(f"/alerts/{other.pk}/").content.decode()
    )


def test_the_work_page_counts_posts_waiting_to_be_read(scene):
    workshop = make_group(scene)
    groupwork.write_post(workshop, scene.sam.client_profile, body=ORDINARY, show_as="first_name")
    work = _as(scene.fran).get("/work/").content.decode()
    assert "1 post waiting to be read" in work
    assert f'href="/workshops/{workshop.pk}/group/"' in work
