"""Which rows a viewer may find, asked of the source tables at query time.

The index holds text; it never decides who sees it. For each kind, the ids a viewer may see come
from the same QuerySets the pages use (`Article.objects.published()`, `Thread.objects.visible_to`,
`Post.objects.readable_by`), narrowed by the page's filters, and go into the search query as
correlated EXISTS subqueries: one SQL statement, and each matching entry costs one primary-key
lookup (an `IN (all visible posts)` list would cost a scan of the forum per search).
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import models
from django.db.models.lookups import Exact
from django.utils import timezone

from articles.ask_doctor.permissions import can_view_private_questions, is_queue_clinician
from articles.models import Article, DoctorQuestion, FAQItem, Section, Topic, Visibility
from articles.models.ask_doctor import ANSWERED_STATUSES
from forum.models import Post, Thread

from .models import Kind


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = tuple(Kind.values)
    section: Section | None = None
    topic: Topic | None = None
    date_from: date | None = None
    date_to: date | None = None


def _start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _end(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.max))


def _dated(queryset, field: str, filters: Filters):
    if filters.date_from:
        queryset = queryset.filter(**{f"{field}__gte": _start(filters.date_from)})
    if filters.date_to:
        queryset = queryset.filter(**{f"{field}__lte": _end(filters.date_to)})
    return queryset


def _about(queryset, article_path: str, filters: Filters):
    """Section and topic are the item's: forum rows match through the item's thread."""
    prefix = f"{article_path}__" if article_path else ""
    if filters.section:
        queryset = queryset.filter(**{f"{prefix}section": filters.section})
    if filters.topic:
        queryset = queryset.filter(**{f"{prefix}topics": filters.topic})
    return queryset


def visible_items(filters: Filters):
    items = _about(Article.objects.published(), "", filters)
    return _dated(items, "published_at", filters)


def visible_faq(filters: Filters):
    entries = FAQItem.objects.filter(article__in=Article.objects.published())
    return _dated(_about(entries, "article", filters), "article__published_at", filters)


def visible_questions(viewer, filters: Filters):
    """Publishable answered questions, to those the question page admits (`can_view`): the
    asker, queue clinicians, staff chosen to open questions. A visitor finds none. Private
    questions are not in the index at all; they are left out here as well."""
    questions = DoctorQuestion.objects.filter(
        visibility=Visibility.PUBLISHABLE, status__in=ANSWERED_STATUSES
    )
    if not viewer.is_authenticated:
        return questions.none()
    if not (is_queue_clinician(viewer) or can_view_private_questions(viewer)):
        questions = questions.filter(asker=viewer)
    return _dated(_about(questions, "article", filters), "answered_at", filters)


def visible_threads(viewer, filters: Filters):
    threads = _about(Thread.objects.visible_to(viewer), "article", filters)
    return _dated(threads, "created_at", filters)


def visible_posts(viewer, filters: Filters):
    posts = _about(Post.objects.readable_by(viewer), "thread__article", filters)
    return _dated(posts, "created_at", filters)


def condition(viewer, filters: Filters) -> models.Q:
    """`kind = k AND EXISTS (that row, as the viewer may see it)`, OR-ed over the kinds."""
    sources = {
        Kind.ITEM: lambda: visible_items(filters),
        Kind.THREAD: lambda: visible_threads(viewer, filters),
        Kind.POST: lambda: visible_posts(viewer, filters),
        Kind.QA: lambda: visible_faq(filters),
        Kind.QUESTION: lambda: visible_questions(viewer, filters),
    }
    allowed = models.Q(pk__in=[])
    for kind in filters.kinds:
        # The row is found by a one-row range (>= and <=), not by `=`, on purpose: PostgreSQL
        # turns an `= outer` EXISTS inside an OR into a hash of every visible row (all 100,000
        # posts, every search) when it expects many matches; a range cannot be hashed, so each
        # matching entry costs one primary-key probe. SQLite probes the same index either way.
        visible = sources[kind]()
        if visible.query.is_empty():
            continue  # nothing of this kind for this viewer: no subquery at all
        key = models.OuterRef("object_id")
        row = visible.filter(pk__gte=key, pk__lte=key)
        row = row.filter(Exact(models.OuterRef("kind"), models.Value(kind)))
        allowed |= models.Exists(row)
    return allowed
