"""Moderators' side: the one review queue, one item with its context and actions, the log.

Every page here asks `can_review` first (the review permission with MFA): a member gets 403.
An action's form posts to /moderation/queue/<id>/<action>/; a lost race (another moderator was
first) comes back as a message, never as a second action.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from . import actions, reads, sanctioning
from .forms import EditForm, OptionalReasonForm, ReasonForm, SuspendForm
from .models import ItemKind, ReviewItem, TargetKind
from .permissions import can_review
from .queue import AlreadyHandled


def _require_reviewer(request) -> None:
    if not can_review(request.user):
        raise PermissionDenied("The review queue is for moderators (with two-factor sign-in).")


POSTS = {TargetKind.POST}
WITH_MEMBER = {TargetKind.POST, TargetKind.THREAD, TargetKind.MEMBER}
# name: (service, form, label, the target kinds it fits), in the order the page shows them.
ACTIONS = {
    "approve": (actions.approve, OptionalReasonForm, "Approve", POSTS),
    "hide": (actions.hide, ReasonForm, "Hide with reason", POSTS),
    "restore": (actions.restore, OptionalReasonForm, "Restore", POSTS),
    "edit": (actions.edit, EditForm, "Edit with reason", POSTS),
    "lock": (actions.lock, ReasonForm, "Lock the thread", {TargetKind.POST, TargetKind.THREAD}),
    "warn": (sanctioning.warn, ReasonForm, "Warn the member", WITH_MEMBER),
    "suspend": (sanctioning.suspend, SuspendForm, "Suspend the member", WITH_MEMBER),
    "ban": (sanctioning.ban, ReasonForm, "Ban the member", WITH_MEMBER),
    "remove_spammer": (
        sanctioning.remove_spammer, ReasonForm, "Remove this spammer: hide all their posts and ban",
        WITH_MEMBER,
    ),
    "dismiss": (actions.dismiss, OptionalReasonForm, "No action needed", set(TargetKind.values)),
}  # fmt: skip


def _fits(name: str, item: ReviewItem) -> bool:
    post = item.post
    if name == "approve":
        return post is not None and post.held_at is not None
    if name == "restore":
        return post is not None and post.is_hidden
    if name == "hide":
        return post is not None and not post.is_hidden
    if name in {"warn", "suspend", "ban", "remove_spammer"}:
        member = sanctioning.member_of(item)
        return member is not None and not member.is_deleted
    return True


def _initial(name: str, item: ReviewItem) -> dict:
    return {"body": item.post.body} if name == "edit" and item.post else {}


def actions_for(item: ReviewItem) -> list[dict]:
    """The action forms that fit this item, in the order the page shows them."""
    if not item.is_open or item.kind == ItemKind.APPEAL:
        return []
    return [
        {
            "name": name,
            "label": label,
            "form": form_class(prefix=name, initial=_initial(name, item)),
        }  # fmt: skip
        for name, (_service, form_class, label, kinds) in ACTIONS.items()
        if item.target_kind in kinds and _fits(name, item)
    ]


@login_required
@require_safe
def queue(request):
    _require_reviewer(request)
    page = Paginator(reads.open_queue(), reads.QUEUE_PAGE).get_page(request.GET.get("page"))
    items = list(page.object_list)
    histories = reads.author_histories(item.author_id for item in items)
    for item in items:
        item.history = histories.get(item.author_id)
    return render(request, "moderation/queue.html", {"items": items, "page": page})


@login_required
@require_safe
def item(request, pk):
    _require_reviewer(request)
    try:
        item = reads.item_for_review_page(pk)
    except ReviewItem.DoesNotExist as missing:
        raise Http404 from missing
    return render(
        request,
        "moderation/item.html",
        {"item": item, "actions": actions_for(item), **reads.item_context(item)},
    )


@login_required
@require_POST
def act(request, pk, action):
    _require_reviewer(request)
    if action not in ACTIONS:
        raise Http404
    try:
        item = reads.item_for_review_page(pk)
    except ReviewItem.DoesNotExist as missing:
        raise Http404 from missing
    if not item.is_open:  # another moderator was first
        messages.info(request, AlreadyHandled.message)
        return redirect("moderation:queue")
    fitting = actions_for(item)
    if action not in {entry["name"] for entry in fitting}:
        return _item_page(request, item, fitting, error=actions.DOES_NOT_FIT)
    service, form_class, label, _kinds = ACTIONS[action]
    form = form_class(request.POST, prefix=action)
    if form.is_valid():
        try:
            service(moderator=request.user, item=item, **form.cleaned_data)
        except AlreadyHandled as lost:
            messages.info(request, lost.message)
            return redirect("moderation:queue")
        except actions.ActionRefused as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, f"Done: {label.lower()}.")
            return redirect("moderation:queue")
    forms = [{**entry, "form": form} if entry["name"] == action else entry for entry in fitting]
    return _item_page(request, item, forms)


def _item_page(request, item, forms, *, error: str = ""):
    """The review page again, with the refused form (or the error) shown: status 400."""
    context = {"item": item, "actions": forms, "error": error, **reads.item_context(item)}
    return render(request, "moderation/item.html", context, status=400)


@login_required
@require_safe
def log(request):
    _require_reviewer(request)
    page = Paginator(reads.log_page_entries(), 50).get_page(request.GET.get("page"))
    return render(request, "moderation/log.html", {"entries": page})
