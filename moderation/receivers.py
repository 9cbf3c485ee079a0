"""What moderation does when the floors below tell it something (connected in apps.py).

The forum sends its signals after its transaction commits (forum/signals.py), so each receiver
runs its own transaction. A held post joins the queue (a crisis hold first of all, with every
moderator alerted at once); a post published despite the identifier warning joins it for a
look; a post approved or hidden anywhere (the thread page's own links too) takes its waiting
items out of the queue, so the queue never asks for what was already done.
"""

from django.db import transaction
from django.urls import reverse

from . import notifying
from .actions import resolve_reports
from .models import ItemKind, ItemOutcome, ReportOutcome
from .queue import add_item, close_for_target

HOLD_KINDS = (ItemKind.CRISIS, ItemKind.PREMODERATION, ItemKind.IDENTIFIERS)
CRISIS_TITLE = "A post is held for crisis review: please look at the review queue now"
QUESTION_TITLE = (
    "An urgent question waits in the clinicians' queue: make sure a clinician on duty sees it"
)


def _hold_kind(reason: str) -> str:
    if reason == "crisis":
        return ItemKind.CRISIS
    if reason == "identifiers":
        return ItemKind.IDENTIFIERS
    return ItemKind.PREMODERATION  # a new member's first posts, or links before approval


def on_post_held(sender, *, post, reason, crisis_kind="", **kwargs) -> None:
    kind = _hold_kind(reason)
    with transaction.atomic():
        item = add_item(
            target=post, kind=kind, details={"hold_reason": reason, "crisis_kind": crisis_kind}
        )
    if kind == ItemKind.CRISIS:
        notifying.alert_moderators(item, title=CRISIS_TITLE)


def on_published_with_identifiers(sender, *, post, kinds=(), **kwargs) -> None:
    with transaction.atomic():
        add_item(target=post, kind=ItemKind.IDENTIFIERS, details={"kinds": list(kinds)})


def on_post_approved(sender, *, post, moderator, **kwargs) -> None:
    """The hold is over (reports about the post, if any, stay for their own decision)."""
    with transaction.atomic():
        close_for_target(
            post,
            moderator=moderator,
            outcome=ItemOutcome.APPROVED,
            keep=[kind for kind in ItemKind.values if kind not in HOLD_KINDS],
        )
    notifying.tell_approved(post)


def on_post_hidden(sender, *, post, moderator, reason="", **kwargs) -> None:
    with transaction.atomic():
        close_for_target(post, moderator=moderator, outcome=ItemOutcome.HIDDEN, reason=reason)
        resolve_reports(post, moderator=moderator, outcome=ReportOutcome.ACTED)


def on_question_flagged_crisis(sender, *, question, crisis_kind="", **kwargs) -> None:
    """Ask the doctor put an urgent question at the top of the clinicians' queue. Moderators
    hear of it too, with nothing of the question: no words, no asker, no id in the title."""
    notifying.alert_moderators(
        None,
        title=QUESTION_TITLE,
        url=reverse("articles:ask-doctor-queue"),
        dedupe_key=f"moderation-question-crisis:{question.pk}",
    )
