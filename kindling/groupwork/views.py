"""Group work pages: the facilitator's (under /workshops/<id>/group/) and the participant's
(under /my-groups/<id>/). Every object comes from the access layer; every write is an action."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from kindling.lib import access, audit
from kindling.program.content import load_programme
from kindling.safety import pathway
from kindling.safety.practice_lines import crisis_url

from . import actions
from .aggregate import MINIMUM, group_summary
from .models import POST_MAX_CHARS, CheckInLink, GroupCheckIn, GroupUnlock, PeerPost


class PostForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your reflection"),
        help_text=gettext_lazy(
            "A few lines is plenty: something you noticed, something that helped, or simply "
            "that this is hard for you too."
        ),
        max_length=POST_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": gettext_lazy("There's nothing to share yet.")},
    )
    show_as = forms.ChoiceField(
        label=gettext_lazy("How would you like it signed?"),
        choices=PeerPost.ShowAs.choices,
        initial=PeerPost.ShowAs.FIRST_NAME,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Anonymous means the others in the group won't see your name. The facilitator can "
            "always see who wrote a post, so they can look out for you."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Too long is said by the server with the words kept; a browser limit would cut a
        # pasted text off without a word.
        self.fields["body"].widget.attrs.pop("maxlength", None)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Anything you'd like the facilitator to know?"),
        required=False,
        max_length=actions.REPORT_MAX_CHARS,
        help_text=format_lazy(gettext_lazy("Up to {} characters."), actions.REPORT_MAX_CHARS),
        error_messages={
            "max_length": gettext_lazy(
                "Please keep it to %(limit_value)s characters (this one has %(show_value)s). "
                "Your words are still in the box."
            )
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs.pop("maxlength", None)


class UnlockForm(forms.Form):
    stage = forms.ChoiceField(label=gettext_lazy("Stage"))
    message = forms.CharField(
        label=gettext_lazy("A few words to the group"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, closed_stages=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].choices = [(s.id, f"{s.number}. {s.title}") for s in closed_stages]


# The participant's side ---------------------------------------------------------------------


def _group_stages(workshop):
    programme = load_programme()
    opened = {u.stage_id: u for u in GroupUnlock.objects.filter(workshop=workshop)}
    first = programme.stages[0]
    return [
        (stage, stage.id == first.id or stage.id in opened, opened.get(stage.id))
        for stage in programme.stages
    ]


def _participant_page(request, workshop, registration, form=None, status=200):
    user = request.user
    profile = getattr(user, "client_profile", None)
    posts = (
        access.peer_posts_seen_by_participant(user, workshop)
        .select_related("author", "author__client_profile")
        .prefetch_related("reports")
    )
    my_check_ins = (
        CheckInLink.objects.filter(check_in__workshop=workshop, client__user=user)
        .select_related("administration", "check_in")
        .order_by("check_in__opened_at")
    )
    reported = set(
        post_id for post_id in posts.filter(reports__reporter=user).values_list("pk", flat=True)
    )
    return render(
        request,
        "groupwork/participant_group.html",
        {
            "workshop": workshop,
            "registration": registration,
            "profile": profile,
            "band": profile.age_band if profile else "adult",
            "stages": _group_stages(workshop),
            "check_ins": my_check_ins,
            "posts": posts,
            "reported": reported,
            "form": form or (PostForm() if profile else None),
            "max_chars": POST_MAX_CHARS,
            "minimum": MINIMUM,
        },
        status=status,
    )


@login_required
def my_groups(request: HttpRequest) -> HttpResponse:
    groups = access.groups_of(request.user).order_by("title")
    return render(request, "groupwork/my_groups.html", {"groups": groups})


@login_required
def participant_group(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop, registration = access.own_group(request.user, workshop_id)
    return _participant_page(request, workshop, registration)


@login_required
@require_POST
def write_post(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop, registration = access.own_group(request.user, workshop_id)
    profile = getattr(request.user, "client_profile", None)
    if profile is None:
        messages.info(request, _("Posting is for the group's participants on the programme."))
        return redirect("group_participant", workshop.pk)
    form = PostForm(request.POST)
    if not form.is_valid():
        return _participant_page(request, workshop, registration, form, status=400)
    try:
        post = actions.write_post(
            workshop, profile, body=form.cleaned_data["body"], show_as=form.cleaned_data["show_as"]
        )
    except actions.GroupworkError as error:
        form.add_error(None, str(error))
        return _participant_page(request, workshop, registration, form, status=400)
    after = pathway.page_after(post.outcome)
    if after is not None:
        return redirect(after)
    messages.success(
        request,
        _("Thank you for sharing. The facilitator will read it first, then it joins the group."),
    )
    return redirect(reverse("group_participant", args=[workshop.pk]) + "#posts-heading")


@login_required
def report_post(request: HttpRequest, workshop_id: int, post_id: int) -> HttpResponse:
    post = access.group_post_for_participant(request.user, workshop_id, post_id)
    if post.author_id == request.user.pk or post.status != PeerPost.Status.APPROVED:
        return redirect("group_participant", post.workshop.pk)
    form = ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            made = actions.report(post, by=request.user, reason=form.cleaned_data["reason"])
        except actions.GroupworkError as error:
            form.add_error("reason", str(error))
        else:
            messages.success(
                request, _("Thank you for telling us. The facilitator will look at it soon.")
            )
            after = pathway.page_after(made.outcome)
            if after is not None and hasattr(request.user, "client_profile"):
                if after == "safety_support":
                    # Support written for someone worried about a fellow group member.
                    return redirect(reverse(after) + f"?group={post.workshop.pk}")
                return redirect(after)
            if made.outcome.level == "urgent":
                # A guest with no client record: the crisis lines, straight away.
                return redirect(crisis_url(post.workshop.practice))
            return redirect("group_participant", post.workshop.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "groupwork/report.html", {"post": post, "form": form}, status=status)


@login_required
@require_POST
def take_down_own_post(request: HttpRequest, workshop_id: int, post_id: int) -> HttpResponse:
    post = access.group_post_for_participant(request.user, workshop_id, post_id)
    if post.author_id == request.user.pk:
        if actions.remove(post, by=request.user, by_author=True):
            messages.success(request, _("Your post has been taken down."))
        else:
            messages.info(request, _("Nobody else in the group can see this post."))
    return redirect(reverse("group_participant", args=[post.workshop.pk]) + "#posts-heading")


# The facilitator's side ---------------------------------------------------------------------


def _summaries(workshop):
    check_ins = {c.phase: c for c in GroupCheckIn.objects.filter(workshop=workshop)}
    rows = []
    for phase, label in GroupCheckIn.Phase.choices:
        check_in = check_ins.get(phase)
        summary = group_summary(actions.answered_totals(check_in)) if check_in else None
        invited = check_in.links.count() if check_in else 0
        rows.append({"phase": phase, "label": label, "check_in": check_in, "summary": summary,
                     "invited": invited})  # fmt: skip
    return rows


def _facilitator_page(request, workshop, unlock_form=None, status=200):
    posts = list(
        PeerPost.objects.filter(workshop=workshop)
        .exclude(status=PeerPost.Status.REMOVED)
        .select_related("author", "author__client_profile")
        .prefetch_related("reports")
    )
    for post in posts:
        post.open_reports = [r for r in post.reports.all() if r.resolved_at is None]
    reported = [p for p in posts if p.open_reports]
    waiting = [p for p in posts if p.status == PeerPost.Status.PENDING]
    held = [p for p in posts if p.status == PeerPost.Status.HELD]
    shared = [p for p in posts if p.status == PeerPost.Status.APPROVED and not p.open_reports]
    # Reading posts (and who wrote the anonymous ones) is recorded, as any read of what a
    # person wrote.
    audit.record(
        "peer.read", actor=request.user, role=actions.FACILITATOR,
        practice_id=workshop.practice_id, obj=workshop, detail=f"{len(posts)} posts",
    )  # fmt: skip
    stages = _group_stages(workshop)
    closed = [stage for stage, is_open, _unlock in stages if not is_open]
    participants = access.group_participants(workshop)
    return render(
        request,
        "groupwork/facilitator_group.html",
        {
            "workshop": workshop,
            "stages": stages,
            "unlock_form": unlock_form or (UnlockForm(closed_stages=closed) if closed else None),
            "summaries": _summaries(workshop),
            "minimum": MINIMUM,
            "participant_count": participants.count(),
            "reported": reported,
            "waiting": waiting,
            "held": held,
            "shared": shared,
        },
        status=status,
    )


@login_required
def facilitator_group(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.group_to_run(request.user, workshop_id)
    return _facilitator_page(request, workshop)


@login_required
@require_POST
def unlock_stage(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.group_to_run(request.user, workshop_id)
    closed = [stage for stage, is_open, _unlock in _group_stages(workshop) if not is_open]
    form = UnlockForm(request.POST, closed_stages=closed)
    if not form.is_valid():
        return _facilitator_page(request, workshop, unlock_form=form, status=400)
    try:
        actions.unlock_stage(
            workshop, by=request.user, stage_id=form.cleaned_data["stage"],
            message=form.cleaned_data["message"],
        )  # fmt: skip
    except actions.GroupworkError as error:
        form.add_error(None, str(error))
        return _facilitator_page(request, workshop, unlock_form=form, status=400)
    messages.success(request, _("Opened for the group."))
    return redirect(reverse("group_facilitator", args=[workshop.pk]) + "#pace-heading")


@login_required
@require_POST
def open_check_in(request: HttpRequest, workshop_id: int) -> HttpResponse:
    workshop = access.group_to_run(request.user, workshop_id)
    try:
        _check_in, added = actions.open_check_in(
            workshop, by=request.user, phase=request.POST.get("phase", "")
        )
    except actions.GroupworkError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            ngettext(
                "The check-in is open: %(count)s person was invited.",
                "The check-in is open: %(count)s people were invited.",
                added,
            )
            % {"count": added},
        )
    return redirect(reverse("group_facilitator", args=[workshop.pk]) + "#check-in-heading")


@login_required
@require_POST
def moderate_post(request: HttpRequest, workshop_id: int, post_id: int) -> HttpResponse:
    post = access.group_post_to_moderate(request.user, workshop_id, post_id)
    decision = request.POST.get("decision", "")
    try:
        if decision == "approve":
            done = actions.approve(post, by=request.user)
            said = _("Shared with the group.")
        elif decision == "remove":
            done = actions.remove(post, by=request.user)
            said = _("Taken down.")
        elif decision == "keep":
            done = actions.keep_after_report(post, by=request.user)
            said = _("The post stays; the reports are closed.")
        else:
            done, said = False, ""
    except actions.GroupworkError as error:
        messages.error(request, str(error))
    else:
        if done:
            messages.success(request, said)
        else:
            messages.info(request, _("Nothing changed: that post had already been decided."))
    return redirect(reverse("group_facilitator", args=[post.workshop.pk]) + "#posts-heading")
