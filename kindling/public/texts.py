"""Kindling's default words for a practice's public pages, until the practice writes its own.

Each text is Markdown, rendered with the programme's renderer (raw HTML is escaped). Tone: plain
and warm; self-compassion as Neff (2003) describes it; never blaming or diagnosing a parent.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .models import SiteText

Key = SiteText.Key


@dataclass(frozen=True)
class Text:
    key: str
    title: str
    body: str
    is_default: bool = True


DEFAULTS: dict[str, tuple] = {
    Key.HOME: (
        _("A kinder way of being with yourself"),
        _(
            "Many of us are far gentler with a friend who is struggling than we are with "
            "ourselves. Self-compassion is learning to offer ourselves that same warmth when "
            "things are hard.\n\n"
            "We are a psychology practice that helps people learn self-compassion, in 1:1 "
            "therapy and in small, friendly workshops. Between sessions, our clients can "
            "practise in Kindling, a quiet space with no streaks, no scores to chase and "
            "nothing to keep up with.\n\n"
            "There is no rush. You are welcome to read, think it over, and come back whenever "
            "you are ready."
        ),
    ),
    Key.SELF_COMPASSION: (
        _("What self-compassion is"),
        _(
            "Self-compassion is a way of relating to yourself when you are suffering, when you "
            "have made a mistake, or when life feels like too much. The psychologist Kristin "
            "Neff describes three parts to it, each with an opposite that many of us know "
            "well.\n\n"
            "## Kindness instead of self-judgement\n\n"
            "Speaking to yourself the way you would speak to a good friend, rather than with "
            "harsh criticism. It is not letting yourself off the hook; it is choosing "
            "encouragement over attack.\n\n"
            "## Common humanity instead of isolation\n\n"
            "Remembering that struggling, failing and feeling unsure are part of being human. "
            "When things go wrong it can feel as if it is only happening to you. It isn't.\n\n"
            "## Mindfulness instead of over-identification\n\n"
            "Noticing painful thoughts and feelings as they are, without pushing them away "
            "and without being swept up in them, so that a hard feeling can be felt without "
            "becoming the whole story.\n\n"
            "## How it differs from self-care\n\n"
            "Self-care is usually something restful you *do*: a walk, a bath, an early night. "
            "Those things matter. Self-compassion is about how you *relate to yourself*, "
            "especially in the moments when you feel you have fallen short. You can take a "
            "bath while telling yourself you are hopeless; self-compassion changes that inner "
            "voice.\n\n"
            "## Why it helps\n\n"
            "Research links self-compassion with less depression, anxiety, stress and "
            "self-criticism, and with more resilience. It can be learnt at any age. For many "
            "people it is slow at first, and it can feel strange, selfish or even "
            "uncomfortable, especially if you learnt early on to put everyone else first. "
            "That is common, and it is something we go gently with."
        ),
    ),
    Key.WHO_WE_HELP: (
        _("Who we help"),
        _(
            "We work with adults, teenagers and children who are hard on themselves: people "
            "who carry a harsh inner critic, feel that something is wrong with them, or find "
            "it easier to care for others than for themselves.\n\n"
            "## Growing up with a parent's mental illness\n\n"
            "Many of the people we see grew up with a parent who lived with a mental illness. "
            "That is far more common than most people realise. Children in these families "
            "often learn to be very caring, capable and watchful, and sometimes to put their "
            "own needs last. Caring about your family and caring for yourself can go "
            "together; neither has to cancel the other out.\n\n"
            "We never blame parents, and we never label anyone's family. We help people make "
            "sense of their own story, at their own pace, and treat themselves with more "
            "kindness.\n\n"
            "## Young people\n\n"
            "For children and teenagers we use simple words, stories, play and creative "
            "activities. Young people have a say in what is shared with their parents or "
            "carers, and we work with families together when that helps.\n\n"
            "## Adults\n\n"
            "For adults we offer 1:1 therapy, drawing on compassion-focused approaches along "
            "with other evidence-based therapies where they fit, and group workshops where "
            "people with similar experiences can learn together."
        ),
    ),
    Key.THERAPY: (
        _("Asking about 1:1 therapy"),
        _(
            "If you would like to talk with one of our psychologists, for yourself or for a "
            "young person in your care, you are welcome to send us a short message below. "
            "There is no commitment: we will get back to you, answer your questions, and "
            "you can decide from there.\n\n"
            "You don't need to explain everything. A few words about what you would like "
            "help with is plenty, and you can leave that part out altogether if you would "
            "rather talk about it in person."
        ),
    ),
    Key.WORKSHOPS: (
        _("Workshops"),
        _(
            "Our workshops are small, friendly groups where people learn and practise "
            "self-compassion together. Hearing that others find the same things hard can be "
            "a relief in itself. You never have to share more than you want to."
        ),
    ),
    Key.THANKS: (
        _("Thank you for getting in touch"),
        _(
            "Your message has reached us safely. Someone from the practice will get back to "
            "you, usually within a few working days.\n\n"
            "Reaching out can take courage. Whatever you decide next, we are glad you did."
        ),
    ),
}


def default(key: str) -> Text:
    title, body = DEFAULTS[key]
    return Text(key=key, title=str(title), body=str(body))


def texts_for(practice) -> dict[str, Text]:
    """Every public text of a practice: its own where it has written one, else the default."""
    own = {t.key: t for t in SiteText.objects.filter(practice=practice)}
    result = {}
    for key in Key.values:
        if key in own:
            result[key] = Text(key=key, title=own[key].title, body=own[key].body, is_default=False)
        else:
            result[key] = default(key)
    return result


def text_for(practice, key: str) -> Text:
    own = SiteText.objects.filter(practice=practice, key=key).first()
    if own is None:
        return default(key)
    return Text(key=key, title=own.title, body=own.body, is_default=False)
