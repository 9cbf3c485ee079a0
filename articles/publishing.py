"""The item workflow: draft → in review → scheduled → published → retracted.

Every step is a service: keyword-only arguments, one transaction, a Revision naming who did it.
Publishing (now or scheduled) runs the quality gate first; blocking findings stop it unless an
editor with the override permission writes a reason, which is kept in a GateOverride row. Then
it needs a second editor's approval and the linked clinician's confirmation of the commentary
(review.py).
A scheduled item is public from its time on (see ArticleQuerySet.public); `publish_due()`
(`manage.py publish_scheduled`, run every minute by cron or a worker) then marks it published
and tells the listeners (the forum creates the item's thread).
"""

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from text.validators import find_problem

from . import caching, review, signals
from .models import Article, ArticleStatus, Correction, GateOverride, Revision
from .permissions import can_edit, can_override_gate, can_publish
from .pipeline import quality

MIN_REASON = 10
MAX_REASON = 2000


class PublishError(Exception):
    """The step is not possible for this item right now."""


class GateBlocked(PublishError):
    def __init__(self, findings: list[quality.Finding]):
        self.findings = findings
        super().__init__(
            f"The quality gate found {len(findings)} blocking problem(s). Fix them, or give a "
            "written reason to publish anyway (needs the override permission)."
        )


def clean_reason(text: str, *, what: str = "The reason") -> str:
    text = (text or "").strip()
    if problem := find_problem(text, multiline=True):
        raise PublishError(f"{what} contains control characters. {problem[1]}")
    if len(text) > MAX_REASON:
        raise PublishError(f"{what} is too long (at most {MAX_REASON} characters).")
    return text


def _locked(article: Article, allowed: tuple[str, ...], step: str) -> Article:
    locked = Article.objects.select_for_update().get(pk=article.pk)
    if locked.status not in allowed:
        raise PublishError(f"An item that is {locked.get_status_display().lower()} cannot {step}.")
    return locked


def _record(article: Article, user, message: str, fields=()) -> None:
    Revision.objects.create(
        article=article,
        author=user if getattr(user, "is_authenticated", False) else None,
        status=article.status,
        message=message,
        changed_fields=list(fields),
    )


def _pass_gate(article: Article, user, override_reason: str) -> None:
    result = quality.gate_article(article=article)
    if not result.blocking:
        return
    reason = clean_reason(override_reason)
    if not reason:
        raise GateBlocked(result.blocking)
    if not can_override_gate(user, article):
        raise PermissionDenied(
            "Only editors with the override permission can publish past the gate."
        )
    if len(reason) < MIN_REASON:
        raise PublishError(f"Write a reason of at least {MIN_REASON} characters for the override.")
    GateOverride.objects.create(
        article=article,
        editor=user,
        reason=reason,
        findings=[finding.as_dict() for finding in result.blocking],
    )


@transaction.atomic
def submit_for_review(*, article: Article, user) -> Article:
    if not can_edit(user, article):
        raise PermissionDenied
    article = _locked(article, (ArticleStatus.DRAFT,), "go to review")
    article.status = ArticleStatus.IN_REVIEW
    article.save(update_fields=["status", "updated_at"])
    _record(article, user, "Sent for review", ["status"])
    return article


@transaction.atomic
def return_to_draft(*, article: Article, user) -> Article:
    allowed = (ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED)
    locked = _locked(article, allowed, "go back to draft")
    needed = can_publish if locked.status == ArticleStatus.SCHEDULED else can_edit
    if not needed(user, locked):
        raise PermissionDenied
    locked.status = ArticleStatus.DRAFT
    locked.publish_at = None
    locked.published_at = None
    locked.save(update_fields=["status", "publish_at", "published_at", "updated_at"])
    _record(locked, user, "Returned to draft", ["status"])
    return locked


def _reviewed_on_publication(article: Article, day) -> list[str]:
    """An item goes out reviewed by its commentating clinician, unless an editor already
    recorded a review: the date and the name readers see, and when it is due again."""
    if article.last_reviewed_on:
        return []
    article.last_reviewed_on = day
    article.last_reviewed_by = article.last_reviewed_by or article.commentator_name
    article.next_review_due = article.next_review_due or article.review_due_after(day)
    return ["last_reviewed_on", "last_reviewed_by", "next_review_due"]


@transaction.atomic
def schedule(*, article: Article, user, publish_at: datetime, override_reason: str = "") -> Article:
    if not can_publish(user, article):
        raise PermissionDenied
    allowed = (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED)
    article = _locked(article, allowed, "be scheduled")
    if publish_at is None or publish_at <= timezone.now():
        raise PublishError("Choose a publication time in the future (or publish now).")
    _pass_gate(article, user, override_reason)
    note = review.check_ready(article=article, user=user)
    article.status = ArticleStatus.SCHEDULED
    article.publish_at = article.published_at = publish_at
    reviewed = _reviewed_on_publication(article, publish_at.date())
    article.save(update_fields=["status", "publish_at", "published_at", "updated_at", *reviewed])
    _record(article, user, f"Scheduled for {publish_at:%Y-%m-%d %H:%M %Z}{note}", ["status"])
    return article


@transaction.atomic
def publish(*, article: Article, user, override_reason: str = "") -> Article:
    if not can_publish(user, article):
        raise PermissionDenied
    allowed = (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED)
    article = _locked(article, allowed, "be published")
    _pass_gate(article, user, override_reason)
    note = review.check_ready(article=article, user=user)
    article.status = ArticleStatus.PUBLISHED
    article.published_at = timezone.now()
    article.publish_at = None
    reviewed = _reviewed_on_publication(article, timezone.localdate())
    article.save(update_fields=["status", "published_at", "publish_at", "updated_at", *reviewed])
    _record(article, user, f"Published{note}", ["status"])
    signals.item_published.send(sender=Article, article=article)
    return article


@transaction.atomic
def retract(*, article: Article, user, note: str) -> Article:
    if not can_publish(user, article):
        raise PermissionDenied
    note = clean_reason(note, what="The retraction notice")
    if not note:
        raise PublishError("Write the retraction notice readers will see.")
    article = _locked(article, (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED), "be retracted")
    if not article.is_public:
        raise PublishError("Only a public item can be retracted; unschedule it instead.")
    article.status = ArticleStatus.RETRACTED
    article.retraction_note = note
    article.save(update_fields=["status", "retraction_note", "updated_at"])
    _record(article, user, "Retracted", ["status", "retraction_note"])
    return article


@transaction.atomic
def add_correction(*, article: Article, user, note: str) -> Correction:
    """Publish a correction note on the item; once the item is public, the people who follow
    its thread or asked a question on it hear of it (articles.notifying)."""
    if not can_edit(user, article):
        raise PermissionDenied
    note = clean_reason(note, what="The correction")
    if not note:
        raise PublishError("Write the correction readers will see.")
    correction = Correction.objects.create(article=article, note=note, created_by=user)
    _record(article, user, "Correction published", ["corrections"])
    if article.is_public:
        signals.item_corrected.send(sender=Article, article=article, correction=correction)
    return correction


def publish_due(*, now: datetime | None = None, among=None) -> list[Article]:
    """Mark scheduled items whose time has come as published, one transaction each. `among`
    (primary keys) limits it to those items: the demo loader publishes only what it made."""
    now = now or timezone.now()
    published = []
    due = Article.objects.filter(status=ArticleStatus.SCHEDULED, published_at__lte=now)
    if among is not None:
        due = due.filter(pk__in=among)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            changed = Article.objects.filter(pk=pk, status=ArticleStatus.SCHEDULED).update(
                status=ArticleStatus.PUBLISHED, publish_at=None, updated_at=now
            )
            if not changed:
                continue  # another worker got there first
            article = Article.objects.get(pk=pk)
            _record(article, None, "Published at its scheduled time", ["status"])
            signals.item_published.send(sender=Article, article=article)
            caching.forget_item_page(article)
            published.append(article)
    return published
