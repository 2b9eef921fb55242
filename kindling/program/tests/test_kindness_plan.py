"""Planning small acts of kindness and marking them, with no judgement anywhere."""

from __future__ import annotations

import datetime as dt
import html as html_module
import re

import pytest
from django.test import Client

from conftest import signed_in as _as
from kindling.program import kindness
from kindling.program.content import load_programme
from kindling.program.models import KindnessAct, KindnessMark

# Words the plan never says to a client, whatever they did or didn't do.
JUDGEMENT = re.compile(r"\b(missed|miss|failed|fail|failure|streaks?|overdue|behind|late)\b", re.I)


def _every_day() -> list[str]:
    return [str(day) for day in range(7)]


def _text_of(response) -> str:
    """The words on the page a person reads (tags and attribute values left out)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return html_module.unescape(re.sub(r"<[^>]+>", " ", html))


def _plan(profile, text="Make a cup of tea", days=range(7), at=None, **kw) -> KindnessAct:
    return kindness.plan_act(profile, text=text, weekdays=days, at_time=at, **kw)


# --- Planning ---------------------------------------------------------------------------------


def test_the_plan_page_offers_the_age_bands_ideas(scene):
    for name in ("sam", "maya", "leo"):
        person = getattr(scene, name)
        page = _as(person).get("/kindness/")
        assert page.status_code == 200
        band = person.client_profile.age_band
        ideas = load_programme().kindness(band)
        html = page.content.decode()
        assert all(idea in html for idea in ideas), name
        others = {"adult": "child", "teen": "adult", "child": "adult"}[band]
        assert load_programme().kindness(others)[0] not in html
        assert ('class="age-child"' in html) is (band == "child")


def test_a_client_plans_an_act_in_their_own_words(scene):
    sam = _as(scene.sam)
    response = sam.post(
        "/kindness/",
        {"text": "  Walk   to the jetty ", "days": ["0", "2", "4"], "at_time": "07:30"},
    )
    assert response.status_code == 302 and response["Location"] == "/kindness/"
    act = KindnessAct.objects.get(client=scene.sam.client_profile)
    assert act.text == "Walk to the jetty"
    assert act.days == (0, 2, 4) and act.weekdays == "0,2,4"
    assert act.at_time == dt.time(7, 30)
    assert act.from_suggestion is False and act.is_active
    page = sam.get("/kindness/").content.decode()
    assert "Walk to the jetty" in page and "7:30 a.m." in page


def test_a_client_plans_a_suggestion_for_any_time(scene):
    idea = load_programme().kindness("child")[0]
    response = _as(scene.leo).post("/kindness/", {"suggestion": idea, "days": ["5", "6"]})
    assert response.status_code == 302
    act = KindnessAct.objects.get(client=scene.leo.client_profile)
    assert act.text == idea and act.from_suggestion is True
    assert act.at_time is None and act.days == (5, 6)


def test_own_words_win_over_a_chosen_idea(scene):
    idea = load_programme().kindness("adult")[0]
    _as(scene.sam).post("/kindness/", {"suggestion": idea, "text": "Mine", "days": ["1"]})
    act = KindnessAct.objects.get(client=scene.sam.client_profile)
    assert act.text == "Mine" and act.from_suggestion is False


@pytest.mark.parametrize(
    "data,message",
    [
        ({"text": "   ", "days": ["0"]}, "Please choose one of the ideas, or write something"),
        ({"text": "x" * 121, "days": ["0"]}, "Please keep it to 120 characters or fewer"),
        ({"text": "Tea"}, "Please choose at least one day."),
        ({"text": "Tea", "days": ["7"]}, "Please choose days from the list."),
        ({"text": "Tea", "days": ["0"], "at_time": "25:99"}, "Please give a time like 07:30"),
        ({"text": "Tea", "days": ["0"], "at_time": "soon"}, "Please give a time like 07:30"),
        ({"suggestion": "Something not offered", "days": ["0"]}, "Please choose one of the ideas"),
    ],
)
def test_bad_input_is_a_400_with_a_clear_message_and_nothing_saved(scene, data, message):
    response = _as(scene.sam).post("/kindness/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not KindnessAct.objects.exists()


def test_exactly_120_characters_is_fine(scene):
    response = _as(scene.sam).post("/kindness/", {"text": "y" * 120, "days": _every_day()})
    assert response.status_code == 302
    assert KindnessAct.objects.get().text == "y" * 120


def test_the_actions_refuse_bad_input_too(scene):
    sam = scene.sam.client_profile
    for text, days, at in [
        ("", [0], None),
        ("z" * 121, [0], None),
        ("Tea", [], None),
        ("Tea", [9], None),
        ("Tea", [0], "7pm"),
    ]:
        with pytest.raises(kindness.KindnessError):
            kindness.plan_act(sam, text=text, weekdays=days, at_time=at)
    assert not KindnessAct.objects.exists()


def test_a_plan_has_a_gentle_limit(scene):
    sam = scene.sam.client_profile
    for n in range(kindness.MAX_ACTIVE_ACTS):
        _plan(sam, text=f"Thing {n}")
    response = _as(scene.sam).post("/kindness/", {"text": "One more", "days": ["0"]})
    assert response.status_code == 400
    assert "That&#x27;s plenty" in response.content.decode()
    assert KindnessAct.objects.count() == kindness.MAX_ACTIVE_ACTS


def test_stopping_an_act_keeps_it_but_takes_it_out_of_the_plan(scene):
    act = _plan(scene.sam.client_profile, text="Stretch by the window")
    sam = _as(scene.sam)
    assert sam.post(f"/kindness/acts/{act.pk}/stop").status_code == 302
    act.refresh_from_db()
    assert act.ended_at is not None
    assert kindness.todays_kindness(scene.sam.client_profile) == []
    assert "Stretch by the window" not in sam.get("/kindness/").content.decode()
    assert sam.post(f"/kindness/acts/{act.pk}/stop").status_code == 302  # again: harmless


def test_someone_elses_act_is_404_and_nothing_changes(scene):
    act = _plan(scene.sam.client_profile, text="Stretch by the window")
    for person in (scene.maya, scene.leo, scene.ruth, scene.jo, scene.zed):
        browser = _as(person)
        assert browser.post(f"/kindness/acts/{act.pk}/stop").status_code == 404
        assert browser.post(f"/kindness/acts/{act.pk}/mark", {"state": "done"}).status_code == 404
    assert _as(scene.sam).post("/kindness/acts/999999/stop").status_code == 404
    act.refresh_from_db()
    assert act.ended_at is None
    assert not KindnessMark.objects.exists()


def test_the_pages_need_a_login_and_are_for_clients(scene):
    anonymous = Client()
    for url in ("/kindness/", "/kindness/calendar/"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        assert _as(scene.jo).get(url).status_code == 404  # a guardian, not a client


def test_the_pages_wait_for_consent(scene):
    from kindling.accounts.models import ConsentRecord

    ConsentRecord.objects.filter(client=scene.sam.client_profile).delete()
    response = _as(scene.sam).get("/kindness/")
    assert response.status_code == 302 and response["Location"] == "/consent/"


def test_mark_and_stop_accept_only_post(scene):
    act = _plan(scene.sam.client_profile)
    sam = _as(scene.sam)
    assert sam.get(f"/kindness/acts/{act.pk}/mark").status_code == 405
    assert sam.get(f"/kindness/acts/{act.pk}/stop").status_code == 405


# --- Marking ----------------------------------------------------------------------------------


def test_done_and_not_today_are_idempotent_and_you_can_change_your_mind(scene):
    profile = scene.sam.client_profile
    act = _plan(profile, text="Tea in the garden")
    sam = _as(scene.sam)
    url = f"/kindness/acts/{act.pk}/mark"
    today = kindness.local_today(profile)
    assert sam.post(url, {"state": "done"}).status_code == 302
    assert sam.post(url, {"state": "done"}).status_code == 302
    assert KindnessMark.objects.get(act=act).state == "done"
    assert kindness.todays_kindness(profile) == [(act, "done")]
    assert sam.post(url, {"state": "not_today"}).status_code == 302
    (only,) = KindnessMark.objects.filter(act=act)
    assert only.state == "not_today" and only.on == today
    assert sam.post(url, {"state": "done"}).status_code == 302
    assert KindnessMark.objects.get(act=act).state == "done"


def test_a_bad_state_is_a_400_and_nothing_is_stored(scene):
    act = _plan(scene.sam.client_profile)
    response = _as(scene.sam).post(f"/kindness/acts/{act.pk}/mark", {"state": "skipped"})
    assert response.status_code == 400
    assert "Please choose" in response.content.decode()
    assert not KindnessMark.objects.exists()


def test_an_act_not_planned_today_cannot_be_marked_today(scene):
    profile = scene.sam.client_profile
    today = kindness.local_today(profile)
    other_day = (today.weekday() + 1) % 7
    act = _plan(profile, days=[other_day])
    response = _as(scene.sam).post(f"/kindness/acts/{act.pk}/mark", {"state": "done"})
    assert response.status_code == 400
    assert "isn&#x27;t planned for this day" in response.content.decode()
    assert not KindnessMark.objects.exists()


def test_a_stopped_act_cannot_be_marked(scene):
    act = _plan(scene.sam.client_profile)
    kindness.end_act(act)
    act.refresh_from_db()
    with pytest.raises(kindness.KindnessError):
        kindness.mark(act, "done")


def test_marking_can_return_to_today(scene):
    act = _plan(scene.sam.client_profile)
    response = _as(scene.sam).post(
        f"/kindness/acts/{act.pk}/mark", {"state": "done", "back": "today"}
    )
    assert response["Location"] == "/today/"
    response = _as(scene.sam).post(
        f"/kindness/acts/{act.pk}/mark", {"state": "done", "back": "https://elsewhere.example/"}
    )
    assert response["Location"] == "/kindness/"


@pytest.mark.parametrize("name", ["sam", "maya", "leo"])
def test_no_judgement_words_whatever_happened(scene, name):
    person = getattr(scene, name)
    profile = person.client_profile
    today = kindness.local_today(profile)
    done = _plan(profile, text="Read a comic")
    not_today = _plan(profile, text="Have a big glass of water", at=dt.time(16, 0))
    untouched = _plan(profile, text="Blow bubbles")
    # Days long ago with nothing marked, as if the client had been away for a while.
    KindnessAct.objects.filter(pk=untouched.pk).update(
        created_at=done.created_at - dt.timedelta(40)
    )
    browser = _as(person)
    pages = [browser.get("/kindness/")]
    pages.append(browser.post(f"/kindness/acts/{done.pk}/mark", {"state": "done"}, follow=True))
    pages.append(
        browser.post(f"/kindness/acts/{not_today.pk}/mark", {"state": "not_today"}, follow=True)
    )
    pages.append(browser.get("/kindness/calendar/"))
    for page in pages:
        assert page.status_code == 200
        text = _text_of(page)
        assert not JUDGEMENT.search(text), JUDGEMENT.search(text)
        assert "%" not in text  # no percentages or rates
    shown = _text_of(pages[2])
    assert "Not today, and that's okay." in shown or "Not today. That's okay." in shown
    assert kindness.todays_kindness(profile, today)[0][1] in {"done", "not_today", None}


def test_todays_kindness_lists_timed_acts_first_with_their_state(scene):
    profile = scene.maya.client_profile
    today = kindness.local_today(profile)
    any_time = _plan(profile, text="Any time")
    evening = _plan(profile, text="Evening", at=dt.time(19, 0))
    morning = _plan(profile, text="Morning", at=dt.time(7, 15))
    _plan(profile, text="Another day", days=[(today.weekday() + 3) % 7])
    stopped = _plan(profile, text="Stopped")
    kindness.end_act(stopped)
    kindness.mark(evening, "not_today")
    assert kindness.todays_kindness(profile) == [
        (morning, None),
        (evening, "not_today"),
        (any_time, None),
    ]
    # Someone else's plan is theirs alone.
    assert kindness.todays_kindness(scene.sam.client_profile) == []


def test_acts_for_a_past_day_are_the_ones_planned_then(scene):
    profile = scene.sam.client_profile
    today = kindness.local_today(profile)
    act = _plan(profile)
    assert kindness.acts_for_day(profile, today - dt.timedelta(days=1)) == []
    assert kindness.acts_for_day(profile, today) == [(act, None)]


def test_the_week_shows_each_day(scene):
    profile = scene.sam.client_profile
    _plan(profile, text="Weekend walk", days=[5, 6])
    page = _as(scene.sam).get("/kindness/").content.decode()
    for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"):
        assert day in page
    assert "Weekends" in page and "a free day" in page
    assert kindness.describe_days([0, 1, 2, 3, 4]) == "Weekdays"
    assert kindness.describe_days(range(7)) == "Every day"
    assert kindness.describe_days([0, 3]) == "Mon, Thu"


def test_the_today_snippet_renders_for_each_age(scene):
    from django.template.loader import render_to_string

    for name in ("sam", "leo"):
        profile = getattr(scene, name).client_profile
        act = _plan(profile, text=f"Kind thing for {name}")
        html = render_to_string(
            "program/kindness_today.html",
            {"profile": profile, "kindness": kindness.todays_kindness(profile)},
        )
        assert f"Kind thing for {name}" in html
        assert f"/kindness/acts/{act.pk}/mark" in html
        assert 'name="back" value="today"' in html
