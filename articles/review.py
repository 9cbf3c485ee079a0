"""Editorial review by a second person, and the commentator's own confirmation (issue 14).

Before an item is published or scheduled:

- **A second editor approves it.** The approval is of the item's last change (its latest
  Revision that changed content, not a workflow step), by an editor who is not that change's
  author. Editing the item again makes a new last change, which needs a new approval.
  `ARTICLES_SECOND_EDITOR_REQUIRED = False` (a one-person newsroom) lifts the rule; every
  publication made without a second editor then says so in the item's history and in the log.
- **The linked clinician confirms the commentary.** When the commentary is linked to a clinician's
  account, that verified clinician confirms the text as theirs; editing the text or changing the
  clinician needs a new confirmation. Commentary linked to no account may be published, and the
  item page labels it as not confirmed by a verified clinician.
"""

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import is_verified_clinician

from . import caching
from .models import Article, EditorialApproval, Revision
from .permissions import can_publish

logger = logging.getLogger(__name__)

# Revisions that change only these are workflow steps, not changes to what readers read.
STEP_FIELDS = frozenset({"status", "retraction_note", "approval", "commentary_confirmation"})


class ReviewError(Exception):
    """Not possible yet; the message says who must do what."""


def second_editor_required() -> bool:
    return bool(getattr(settings, "ARTICLES_SECOND_EDITOR_REQUIRED", True))


def last_change(article: Article) -> Revision | None:
    """The latest revision that changed the item's content (admin edit or import)."""
    for revision in Revision.objects.filter(article=article).select_related("author")[:200]:
        if set(revision.changed_fields or []) - STEP_FIELDS:
            return revision
    return None


def current_approval(article: Article) -> EditorialApproval | None:
    """The approval that covers the item as it stands, if any."""
    change = last_change(article)
    approvals = EditorialApproval.objects.filter(article=article, last_change=change)
    if change is not None and change.author_id is not None:
        approvals = approvals.exclude(editor_id=change.author_id)
    return approvals.select_related("editor").first()


@transaction.atomic
def approve(*, article: Article, editor) -> EditorialApproval:
    """`editor` approves the item as it stands. The author of its last change may not."""
    if not can_publish(editor, article):
        raise PermissionDenied("Only editors can approve an item for publication.")
    Article.objects.select_for_update().filter(pk=article.pk).first()
    change = last_change(article)
    if change is not None and change.author_id == editor.pk:
        raise ReviewError(
            "You made the last change to this item, so another editor must approve it: "
            "ask a colleague to read it and choose “Approve for publication”."
        )
    approval = EditorialApproval.objects.create(article=article, editor=editor, last_change=change)
    Revision.objects.create(
        article=article,
        author=editor,
        status=article.status,
        message="Approved for publication by a second editor",
        changed_fields=["approval"],
    )
    return approval


def check_ready(*, article: Article, user) -> str:
    """Raise ReviewError unless the item may go out; return a note for the history when it goes
    out without a second editor (the one-person-newsroom setting)."""
    _check_commentary(article)
    if current_approval(article) is not None:
        return ""
    if not second_editor_required():
        logger.warning(
            "Item #%s published by user %s without a second editor's approval "
            "(ARTICLES_SECOND_EDITOR_REQUIRED is off)",
            article.number,
            getattr(user, "pk", None),
        )
        return " without a second editor's approval (one-person newsroom setting)"
    change = last_change(article)
    who = change.author.display_handle if change and change.author else None
    raise ReviewError(
        "A second editor must approve this item before it is published"
        + (f": the last change was by {who}, so another editor approves it." if who else ".")
    )


def _check_commentary(article: Article) -> None:
    if not article.commentary.strip() or article.commentator_id is None:
        return  # no commentary, or commentary labelled on the page as not linked to an account
    if not article.commentary_confirmed:
        raise ReviewError(
            "The clinician linked to the commentary has not confirmed this text yet. Send them "
            f"the confirmation page ({confirmation_path(article)}); they confirm it there "
            "while signed in."
        )


def confirmation_path(article: Article) -> str:
    return reverse("articles:commentary-confirm", kwargs={"number": article.number})


def can_confirm_commentary(user, article: Article) -> bool:
    return (
        article.commentator_id is not None
        and article.commentator_id == getattr(user, "pk", None)
        and is_verified_clinician(user)
    )


@transaction.atomic
def confirm_commentary(*, article: Article, clinician, digest: str) -> Article:
    """The linked clinician confirms the commentary they read (`digest` from the page they saw:
    a text edited meanwhile is not confirmed by an old page)."""
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if not can_confirm_commentary(clinician, locked):
        raise PermissionDenied("Only the verified clinician linked to this commentary.")
    if digest != locked.commentary_digest():
        raise ReviewError(
            "The commentary changed while you were reading it. Read the text below and "
            "confirm again."
        )
    locked.commentary_confirmed_digest = digest
    locked.commentary_confirmed_at = timezone.now()
    Article.objects.filter(pk=locked.pk).update(
        commentary_confirmed_digest=digest, commentary_confirmed_at=locked.commentary_confirmed_at
    )
    caching.forget_item_page(locked)
    Revision.objects.create(
        article=locked,
        author=clinician,
        status=locked.status,
        message="Commentary confirmed by its clinician",
        changed_fields=["commentary_confirmation"],
    )
    return locked
