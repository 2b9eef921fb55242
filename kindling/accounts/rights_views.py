"""Pages for a person's rights: download my data, ask for erasure; and the clinician's side."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kindling.lib import access, audit

from . import rights
from .models import AgeBand, ClientProfile


def _own_profile(user) -> ClientProfile | None:
    return ClientProfile.objects.filter(user=user).select_related("practice").first()


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    profile = _own_profile(request.user)
    pending = rights.open_erasure_request(profile) if profile else None
    return render(request, "accounts/my_data.html", {"profile": profile, "pending": pending})


def _download_name(extension: str) -> str:
    return f"kindling-my-data-{timezone.localdate().isoformat()}.{extension}"


@login_required
def export_json(request: HttpRequest) -> HttpResponse:
    data = rights.export_for(request.user)
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="{_download_name("json")}"'
    response["Cache-Control"] = "no-store"
    return response


KNOWN_SECTIONS = {"about", "exported_at", "account", "client_profile", "guardian_of",
                  "record_opened_by", "sign_ins"}  # fmt: skip


def _readable(value) -> str:
    """Any exported value as plain, escaped HTML: dicts as lists of terms, lists as lists."""
    if isinstance(value, dict):
        if not value:
            return "—"
        items = "".join(
            format_html("<dt>{}</dt><dd>{}</dd>", str(k).replace("_", " ").capitalize(),
                        mark_safe(_readable(v)))  # noqa: S308 — built from escaped parts
            for k, v in value.items()
        )  # fmt: skip
        return f"<dl>{items}</dl>"
    if isinstance(value, list):
        if not value:
            return "—"
        return "<ul>" + "".join(f"<li>{_readable(v)}</li>" for v in value) + "</ul>"
    if value is None or value == "":
        return "—"
    if value is True or value is False:
        return escape(_("yes") if value else _("no"))
    return escape(str(value))


@login_required
def export_html(request: HttpRequest) -> HttpResponse:
    data = rights.export_for(request.user)
    more = [
        (key.replace("_", " ").capitalize(), mark_safe(_readable(value)))  # noqa: S308
        for key, value in data.items()
        if key not in KNOWN_SECTIONS
    ]
    html = render_to_string(
        "accounts/export.html", {"data": data, "user": request.user, "more": more}
    )
    response = HttpResponse(html, content_type="text/html; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_download_name("html")}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def ask_for_erasure(request: HttpRequest) -> HttpResponse:
    profile = _own_profile(request.user)
    if profile is None:
        raise Http404
    if rights.open_erasure_request(profile) is not None:
        messages.info(request, _("You've already asked, and your care team is looking after it."))
        return redirect("my_data")
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            return render(request, "accounts/erase.html", {"profile": profile, "error": True},
                          status=400)  # fmt: skip
        rights.request_erasure(profile)
        messages.success(
            request,
            _("Your request is with your care team. They'll check what the practice must keep "
              "and let you know. You can keep using Kindling in the meantime."),
        )  # fmt: skip
        return redirect("my_data")
    return render(request, "accounts/erase.html", {"profile": profile})


@login_required
@require_POST
def decide_erasure(request: HttpRequest, client_id: int) -> HttpResponse:
    client = access.client_for(request.user, client_id)
    erasure = rights.open_erasure_request(client)
    if erasure is None:
        raise Http404
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Please tick the box to confirm the erasure."))
        return redirect("client_record", client_id=client.pk)
    try:
        rights.confirm_erasure(erasure, request.user, client)
    except rights.RetentionApplies as held:
        messages.info(
            request,
            _("The practice's retention rule means these records must be kept until %(date)s. "
              "The request is held until then.") % {"date": held.until.strftime("%-d %B %Y")},
        )  # fmt: skip
        return redirect("client_record", client_id=client.pk)
    messages.success(request, _("The client's data has been erased."))
    return redirect("caseload")


@login_required
@require_POST
def set_guardian_view(request: HttpRequest, client_id: int) -> HttpResponse:
    """The clinician judges a teenager able to decide what their guardian sees, or not."""
    client = access.client_for(request.user, client_id)
    if client.age_band != AgeBand.TEEN:
        raise Http404
    decides = request.POST.get("decides") == "yes"
    with transaction.atomic():
        ClientProfile.objects.filter(pk=client.pk).update(decides_what_guardian_sees=decides)
        audit.record(
            "update", actor=request.user, role="clinician", practice_id=client.practice_id,
            obj=client, subject_id=client.user_id,
            detail="teen decides what guardian sees" if decides else "guardian view as usual",
        )  # fmt: skip
    messages.success(request, _("Saved."))
    return redirect("client_record", client_id=client.pk)
