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

from . import actions, reads
from .forms import OptionalReasonForm, ReasonForm
from .models import ItemKind, ReviewItem, TargetKind
from .permissions import can_review
from .queue import AlreadyHandled


def _require_reviewer(request) -> None:
    if not can_review(request.user):
        raise PermissionDenied("The review queue is for moderators (with two-factor sign-in).")


# name: (service, form, label, the target kinds it fits)
ACTIONS = {
    "hide": (actions.hide, ReasonForm, "Hide with reason", {TargetKind.POST}),
    "restore": (actions.restore, OptionalReasonForm, "Restore", {TargetKind.POST}),
    "lock": (actions.lock, ReasonForm, "Lock the thread", {TargetKind.POST, TargetKind.THREAD}),
    "dismiss": (actions.dismiss, OptionalReasonForm, "No action needed", set(TargetKind.values)),
}


def actions_for(item: ReviewItem) -> list[dict]:
    """The action forms that fit this item, in the order the page shows them."""
    if not item.is_open or item.kind == ItemKind.APPEAL:
        return []
    fitting = []
    for name, (_service, form_class, label, kinds) in ACTIONS.items():
        if item.target_kind not in kinds:
            continue
        if name == "restore" and not (item.post and item.post.is_hidden):
            continue
        if name == "hide" and item.post and item.post.is_hidden:
            continue
        fitting.append({"name": name, "label": label, "form": form_class(prefix=name)})
    return fitting


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
