"""Members' side of moderation: report something, see what became of reports, appeal a removal.

Reporting works without JavaScript: the "Report" link on a post is a plain link to a form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from accounts import ratelimits
from forum.models import ModerationAction

from . import appeals, reads, reporting
from .forms import AppealForm, DecisionForm, ReportForm
from .models import Appeal
from .permissions import can_appeal, can_decide_appeal, can_report, can_review
from .targets import describe, find_reportable, url_of

FORM_METHODS = ["GET", "HEAD", "POST"]
HEADLINES = {
    "hide": "A moderator hid your post",
    "warn": "A moderator sent you a warning",
    "suspend": "A moderator suspended your account for a while",
    "ban": "A moderator banned your account",
    "remove_spammer": "A moderator hid your posts and banned your account",
}


@login_required
@require_http_methods(FORM_METHODS)
def report(request, kind, pk):
    target = find_reportable(request.user, kind, pk)
    if not can_report(request.user, target):
        raise PermissionDenied("You cannot report this.")
    already = reporting.open_report_by(request.user, target)
    form = ReportForm(request.POST or None)
    context = {
        "target": target,
        "kind": kind,
        "what": describe(target),
        "back": url_of(target),
        "already": already,
    }
    if request.method == "POST" and already is None and form.is_valid():
        try:
            ratelimits.check("report", request=request)
            reporting.report(reporter=request.user, target=target, **form.cleaned_data)
        except ratelimits.RateLimited as error:
            return ratelimits.refused_form_response(
                request, "moderation/report.html", context, form=form, error=error
            )
        except reporting.AlreadyReported as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(
                request,
                "Thank you. A moderator will look at it, and we will tell you when it is resolved.",
            )
            return redirect(url_of(target))
    return render(request, "moderation/report.html", {**context, "form": form})


@login_required
@require_safe
def my_reports(request):
    return render(
        request,
        "moderation/mine.html",
        {
            "reports": reads.reports_by(request.user)[:100],
            "removals": reads.removals_of(request.user)[:100],
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def removal(request, pk):
    """A removal as its author sees it: what was taken down, why, and the one appeal."""
    action = get_object_or_404(
        ModerationAction.objects.select_related("post__thread", "appeal"), pk=pk
    )
    if action.target_user_id != request.user.pk and not can_review(request.user):
        raise PermissionDenied
    may_appeal = action.action in appeals.APPEALABLE and can_appeal(request.user, action)
    form = AppealForm(request.POST or None)
    if request.method == "POST":
        if not may_appeal:
            raise PermissionDenied
        if form.is_valid():
            try:
                made = appeals.appeal(
                    appellant=request.user, action=action, statement=form.cleaned_data["statement"]
                )
            except appeals.AlreadyAppealed as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, "Your appeal is sent. A different moderator decides.")
                return redirect("moderation:appeal", pk=made.pk)
    return render(
        request,
        "moderation/removal.html",
        {
            "action": action,
            "headline": HEADLINES.get(action.action, "A moderator's decision"),
            "form": form if may_appeal else None,
        },
    )


@login_required
@require_http_methods(FORM_METHODS)
def appeal(request, pk):
    """The appeal: its appellant sees where it stands; another moderator decides it here."""
    appeal = get_object_or_404(
        Appeal.objects.select_related("action__post__thread", "action__actor", "decided_by"),
        pk=pk,
    )
    if appeal.appellant_id != request.user.pk and not can_review(request.user):
        raise PermissionDenied
    may_decide = can_decide_appeal(request.user, appeal)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide:
            raise PermissionDenied("A different moderator must decide this appeal.")
        if form.is_valid():
            try:
                appeals.decide(moderator=request.user, appeal=appeal, **form.cleaned_data)
            except appeals.AlreadyHandled as refusal:
                messages.info(request, refusal.message)
            else:
                messages.success(request, "Decided. The member has been told.")
            return redirect("moderation:queue")
    return render(
        request,
        "moderation/appeal.html",
        {
            "appeal": appeal,
            "form": form if may_decide else None,
            "same_moderator": can_review(request.user)
            and appeal.action.actor_id == request.user.pk,
        },
    )
