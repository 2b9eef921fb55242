"""The practice's public pages (anyone, logged out), and the practice's own pages for its texts
and its enquiries.

No page here sets a cookie for a visitor who only reads: nothing touches the session, and only
the enquiry form (on the therapy page) asks for a CSRF token, which sets the `csrftoken` cookie.
Nothing here loads anything from another site.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kindling.accounts.models import Practice
from kindling.lib import access
from kindling.lib.audit import client_ip
from kindling.program.content import render as render_markdown
from kindling.safety.practice_lines import crisis_url, region_for
from kindling.safety.screen import LEVELS

from . import actions, texts
from .forms import HONEYPOT, EnquiryForm, SiteTextForm
from .models import SiteText

# The public pages, in the order the menu shows them: (key, url name, menu label).
PAGES = [
    ("home", "public_home", gettext_lazy("Home")),
    ("self-compassion", "public_self_compassion", gettext_lazy("Self-compassion")),
    ("who-we-help", "public_who_we_help", gettext_lazy("Who we help")),
    ("workshops", "public_workshops", gettext_lazy("Workshops")),
    ("therapy", "public_therapy", gettext_lazy("1:1 therapy")),
]


def markdown(text: str) -> SafeString:
    """A practice's Markdown as HTML; raw HTML is escaped. The page has its own heading, so
    a top-level heading in the text becomes a second-level one."""
    html = str(render_markdown(text))
    # Safe: the renderer escapes any tag in the source, so "<h1>" here is only its own output.
    return mark_safe(html.replace("<h1>", "<h2>").replace("</h1>", "</h2>"))  # noqa: S308


def front_door_practice() -> Practice | None:
    """The practice whose public home `/` shows to a visitor who is not logged in: the one
    KINDLING_PUBLIC_PRACTICE names, or the only practice there is."""
    if settings.PUBLIC_PRACTICE:
        return Practice.objects.filter(slug=settings.PUBLIC_PRACTICE).first()
    only = list(Practice.objects.order_by("pk")[:2])
    return only[0] if len(only) == 1 else None


def page_context(practice: Practice, current: str, **extra) -> dict:
    """The practice's masthead, menu and crisis link around a public page (the workshop pages
    in kindling/groups use it too)."""
    crisis = crisis_url(practice)
    menu = [
        {"url": reverse(url_name, args=[practice.slug]), "label": label, "current": key == current}
        for key, url_name, label in PAGES
    ]
    return {"practice": practice, "menu": menu, "crisis_url": crisis, **extra}


def _text_page(request: HttpRequest, practice: Practice, key: str, **extra) -> HttpResponse:
    text = texts.text_for(practice, key)
    context = page_context(practice, key, text=text, body=markdown(text.body), **extra)
    return render(request, f"public/{'home' if key == 'home' else 'page'}.html", context)


def home_page(request: HttpRequest, practice: Practice) -> HttpResponse:
    return _text_page(request, practice, "home")


def home(request: HttpRequest, practice_slug: str) -> HttpResponse:
    return home_page(request, access.public_practice(practice_slug))


def self_compassion(request: HttpRequest, practice_slug: str) -> HttpResponse:
    return _text_page(request, access.public_practice(practice_slug), "self-compassion")


def who_we_help(request: HttpRequest, practice_slug: str) -> HttpResponse:
    return _text_page(request, access.public_practice(practice_slug), "who-we-help")


def workshops(request: HttpRequest, practice_slug: str) -> HttpResponse:
    practice = access.public_practice(practice_slug)
    zone = practice.zone()
    upcoming = [
        {"workshop": w, "starts": w.next_start.astimezone(zone), "summary": markdown(w.summary)}
        for w in access.upcoming_public_workshops(practice)
    ]
    text = texts.text_for(practice, "workshops")
    context = page_context(practice, "workshops", text=text, body=markdown(text.body))
    context["upcoming"] = upcoming
    return render(request, "public/workshops.html", context)


def therapy(request: HttpRequest, practice_slug: str) -> HttpResponse:
    practice = access.public_practice(practice_slug)
    form = EnquiryForm(request.POST or None)
    status = 200
    too_many = False
    if request.method == "POST":
        spam = bool((request.POST.get(HONEYPOT) or "").strip())
        if spam or form.is_valid():
            outcome = actions.submit_enquiry(
                practice,
                form.cleaned_data if not spam else {},
                ip_address=client_ip(request),
                spam=spam,
                read_url=request.build_absolute_uri(
                    reverse("practice_enquiries", args=[practice.pk])
                ),
            )
            if outcome is actions.Outcome.SAVED_URGENT:
                # The thank-you leads with crisis help. The address says nothing of why (it stays
                # in the browser's history on a shared device): anyone can open it.
                return redirect(reverse("public_thanks", args=[practice.slug]) + "?more=1#more")
            if outcome is not actions.Outcome.TOO_MANY:
                return redirect("public_thanks", practice_slug=practice.slug)
            too_many, status = True, 429
        else:
            status = 400
    text = texts.text_for(practice, "therapy")
    context = page_context(
        practice, "therapy", text=text, body=markdown(text.body), form=form, too_many=too_many
    )
    return render(request, "public/therapy.html", context, status=status)


def thanks(request: HttpRequest, practice_slug: str) -> HttpResponse:
    practice = access.public_practice(practice_slug)
    text = texts.text_for(practice, "thanks")
    help_now = request.GET.get("more") == "1"
    return render(
        request,
        "public/thanks.html",
        page_context(
            practice, "thanks", text=text, body=markdown(text.body), help_now=help_now,
            region=region_for(practice) if help_now else None,
        ),
    )  # fmt: skip


# --- The practice's own pages ----------------------------------------------------------------


@login_required
def site_texts(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice = access.practice_for(request.user, practice_id)
    pages = texts.texts_for(practice)
    edited = {t.key: t for t in SiteText.objects.filter(practice=practice)}
    rows = [
        {"key": key, "label": label, "text": pages[key], "own": edited.get(key)}
        for key, label in SiteText.Key.choices
    ]
    return render(request, "public/site_texts.html", {"practice": practice, "rows": rows})


@login_required
def site_text_edit(request: HttpRequest, practice_id: int, key: str) -> HttpResponse:
    practice = access.practice_for(request.user, practice_id)
    if key not in SiteText.Key.values:
        raise Http404("No such page.")
    if request.method == "POST" and request.POST.get("action") == "reset":
        actions.reset_text(request.user, practice, key)
        messages.success(request, _("This page shows Kindling's default words again."))
        return redirect("public_site_texts", practice_id=practice.pk)
    current = texts.text_for(practice, key)
    initial = {"title": current.title, "body": current.body}
    form = SiteTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.save_text(request.user, practice, key, **form.cleaned_data)
        messages.success(request, _("Saved. Your public page shows the new words now."))
        return redirect("public_site_texts", practice_id=practice.pk)
    return render(
        request,
        "public/site_text_edit.html",
        {
            "practice": practice,
            "key": key,
            "label": SiteText.Key(key).label,
            "current": current,
            "form": form,
            "public_url": _public_url(practice, key),
        },
        status=400 if request.method == "POST" else 200,
    )


def _public_url(practice: Practice, key: str) -> str:
    names = {k: name for k, name, _label in PAGES}
    return reverse(names.get(key, "public_thanks"), args=[practice.slug])


@login_required
def enquiries(request: HttpRequest, practice_id: int) -> HttpResponse:
    practice, _role = access.enquiry_practice_for(request.user, practice_id)
    # The list shows when each arrived and whether it is handled; opening one (audited) shows
    # the words.
    rows = practice.enquiries.only("pk", "created_at", "handled_at", "practice_id", "risk_level")
    # Those whose words may mean risk come first, newest first among them.
    rows = sorted(rows, key=lambda e: -LEVELS.index(e.risk_level))
    return render(
        request,
        "public/enquiries.html",
        {
            "practice": practice,
            "open": [e for e in rows if e.handled_at is None],
            "handled": [e for e in rows if e.handled_at is not None],
            "keep_days": actions.KEEP_HANDLED.days,
        },
    )


@login_required
def enquiry(request: HttpRequest, practice_id: int, enquiry_id: int) -> HttpResponse:
    found = access.enquiry_for(request.user, practice_id, enquiry_id)
    return render(
        request,
        "public/enquiry.html",
        {"practice": found.practice, "enquiry": found, "keep_days": actions.KEEP_HANDLED.days},
    )


@login_required
@require_POST
def enquiry_change(request: HttpRequest, practice_id: int, enquiry_id: int) -> HttpResponse:
    practice, role = access.enquiry_practice_for(request.user, practice_id)
    found = access.enquiry_for(request.user, practice_id, enquiry_id, record_view=False)
    action = request.POST.get("action")
    if action == "handled":
        actions.mark_handled(request.user, found, role)
        messages.success(request, _("Marked as handled."))
    elif action == "reopen":
        actions.mark_handled(request.user, found, role, handled=False)
        messages.success(request, _("Back on the list of enquiries to answer."))
    elif action == "delete" and request.POST.get("confirm") == "yes":
        actions.delete_enquiry(request.user, found, role)
        messages.success(request, _("The enquiry has been deleted."))
    elif action == "delete":
        messages.info(request, _("Tick the box to confirm, then delete."))
        return redirect("practice_enquiry", practice_id=practice.pk, enquiry_id=found.pk)
    return redirect("practice_enquiries", practice_id=practice.pk)
