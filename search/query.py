"""THE search function: `search(text, viewer=..., ...)` for the search page, `suggest(...)` for
"already answered?". Everything else in the site calls these two, never the index.

A search costs a fixed number of queries however big the index. PostgreSQL: one statement for
the page (match + visibility + ranking, the total as `COUNT(*) OVER ()`, and `ts_headline` on the
page's rows only: PostgreSQL evaluates it after the sort and the LIMIT). SQLite: a count, the
page, and the page's snippets (FTS5 would build a snippet for every match before sorting). Then
one query per kind of result on the page to load what the result list shows (at most four).
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.urls import reverse
from django.utils.safestring import SafeString
from django.utils.text import Truncator

from articles.ask_doctor.permissions import can_view
from articles.models import Article, DoctorQuestion, FAQItem, Section, Topic, Visibility
from articles.models.ask_doctor import ANSWERED_STATUSES
from forum.models import Post, Thread
from forum.permissions import can_view_thread

from . import visibility
from .backends import backend
from .models import Kind, SearchEntry
from .parsing import ParsedQuery, QueryError, parse, parse_any
from .snippets import marked_html

__all__ = ["Hit", "QueryError", "Results", "search", "suggest"]

PER_PAGE = 20
SUGGESTIONS = 5


@dataclass
class Hit:
    kind: str
    object_id: int
    title: SafeString
    snippet: SafeString
    url: str
    context: str  # where it lives: the item's section, the forum room, "Reply in ..."
    when: datetime | None

    @property
    def kind_label(self) -> str:
        return {
            "item": "Item",
            "thread": "Forum thread",
            "post": "Forum post",
            "qa": "Q&A",
            "question": "Answered question",
        }[self.kind]


@dataclass
class Results:
    page: Page
    hits: list[Hit]
    query: ParsedQuery

    @property
    def total(self) -> int:
        return self.page.paginator.count


def search(
    text: str,
    *,
    viewer,
    kinds: tuple[str, ...] | None = None,
    section: Section | None = None,
    topic: Topic | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    page: int = 1,
    per_page: int = PER_PAGE,
) -> Results:
    """Raises `QueryError` (with a message for the person) when `text` cannot be searched."""
    parsed = parse(text)
    filters = visibility.Filters(
        kinds=expand_kinds(kinds),
        section=section,
        topic=topic,
        date_from=date_from,
        date_to=date_to,
    )
    ranked = _ranked(parsed, viewer, filters)
    if backend().window_count:
        current = _page(parsed, ranked, page, per_page)
        marks = {row.id: row._asdict() for row in current}
    else:
        current = Paginator(_rows(ranked), per_page).get_page(page)
        marks = _marks(parsed, [row.id for row in current])
    return Results(page=current, hits=_hits(list(current), viewer, marks), query=parsed)


def expand_kinds(kinds) -> tuple[str, ...]:
    """The kinds a search form's choice means: "Questions answered" are FAQ entries and the
    publishable answered questions the viewer may open."""
    chosen = set(kinds or Kind.values)
    if Kind.QA in chosen:
        chosen.add(Kind.QUESTION)
    return tuple(kind for kind in Kind.values if kind in chosen)


def _page(
    parsed: ParsedQuery, ranked, number: int, per_page: int, *, past_end_retry: bool = True
) -> Page:
    """One page of results, their snippets and the total in one statement (PostgreSQL):
    `COUNT(*) OVER ()` rides along with the page's rows, and `ts_headline` (costly, not a sort
    key) runs on those rows only. Only a page past the end costs more (a count, then the last
    page). SQLite cannot: FTS5's bm25() refuses to run inside a window query, so it counts first.
    """
    offset = (number - 1) * per_page
    marked = ranked.annotate(total=Window(Count("id")), **backend().highlights(parsed))
    rows = list(_rows(marked, "total", "title_marked", "snippet")[offset : offset + per_page])
    paginator = Paginator(_rows(ranked), per_page)
    if rows or number == 1 or not past_end_retry:
        paginator.count = rows[0].total if rows else 0  # what Paginator would have counted
        return Page(rows, number, paginator)
    # Past the end: count, then show the last page (as Paginator.get_page would).
    return _page(parsed, ranked, paginator.num_pages, per_page, past_end_retry=False)


def suggest(text: str, *, viewer, limit: int = SUGGESTIONS) -> list[Hit]:
    """Answered questions that match any meaningful word of a question being written, best
    first: FAQ entries, and publishable answered questions the viewer may open (their own, or
    any for clinicians). Private questions are not in the index at all."""
    parsed = parse_any(text)
    if parsed.is_empty:
        return []
    filters = visibility.Filters(kinds=expand_kinds((Kind.QA,)))
    rows = list(_rows(_ranked(parsed, viewer, filters))[:limit])
    return _hits(rows, viewer, _marks(parsed, [row.id for row in rows]))


def _ranked(parsed: ParsedQuery, viewer, filters: visibility.Filters):
    engine = backend()
    return (
        SearchEntry.objects.filter(engine.matches(parsed))
        .filter(visibility.condition(viewer, filters))
        .order_by(*engine.ordering(parsed))
    )


def _rows(ranked, *extra):
    return ranked.values_list("id", "kind", "object_id", *extra, named=True)


def _marks(parsed: ParsedQuery, ids: list[int]) -> dict[int, dict]:
    if not ids:
        return {}
    engine = backend()
    rows = (
        SearchEntry.objects.filter(engine.matches(parsed), id__in=ids)
        .annotate(**engine.highlights(parsed))
        .values("id", "title_marked", "snippet")
    )
    return {row["id"]: row for row in rows}


def _hits(rows: list, viewer, marks: dict[int, dict]) -> list[Hit]:
    if not rows:
        return []
    by_kind: dict[str, list[int]] = {}
    for row in rows:
        by_kind.setdefault(row.kind, []).append(row.object_id)
    described = {}
    for kind, ids in by_kind.items():
        for object_id, facts in _DESCRIBE[kind](ids, viewer).items():
            described[(kind, object_id)] = facts
    hits = []
    for row in rows:
        facts = described.get((row.kind, row.object_id))
        if facts is None:  # changed between the two statements: gone or no longer visible
            continue
        mark = marks.get(row.id, {})
        title, url, context, when = facts
        hits.append(
            Hit(
                kind=row.kind,
                object_id=row.object_id,
                # Posts have no title of their own: they show their thread's.
                title=marked_html(mark.get("title_marked") or title),
                snippet=marked_html(mark.get("snippet") or ""),
                url=url,
                context=context,
                when=when,
            )
        )
    return hits


# What a result shows, loaded per kind by primary key and checked again with the pages' own
# predicates (`is_listed`, `can_view_thread`, hidden, removed): a row that changed between the
# statements simply drops out. Each returns {id: (title, url, context, when)}.


def _describe_items(ids, viewer):
    items = Article.objects.filter(pk__in=ids).select_related("section").order_by()
    items = items.only("number", "slug", "title", "status", "published_at", "section__name")
    return {
        item.pk: (
            item.title,
            item.get_absolute_url(),
            f"#{item.number} in {item.section.name}",
            item.published_at,
        )
        for item in items
        if item.is_listed
    }


def _describe_faq(ids, viewer):
    entries = FAQItem.objects.filter(pk__in=ids).select_related("article").order_by()
    entries = entries.only(
        "question",
        "article__number",
        "article__slug",
        "article__title",
        "article__status",
        "article__published_at",
    )
    return {
        entry.pk: (
            entry.question,
            f"{entry.article.get_absolute_url()}#faq-heading",
            f"From the FAQ of #{entry.article.number} {entry.article.title}",
            entry.article.published_at,
        )
        for entry in entries
        if entry.article.is_listed
    }


def _describe_threads(ids, viewer):
    threads = Thread.objects.filter(pk__in=ids).select_related("category").order_by()
    threads = threads.only(
        "title",
        "slug",
        "created_at",
        "held_at",  # can_view_thread: a held thread is its author's and moderators'
        "author",
        "category__name",
        "category__clinicians_only",
    )
    return {
        thread.pk: (
            thread.title,
            thread.get_absolute_url(),
            f"In {thread.category.name}",
            thread.created_at,
        )
        for thread in threads
        if can_view_thread(viewer, thread)
    }


def _describe_posts(ids, viewer):
    # No ordering: the page keeps the ranking (Post's default order would join and sort by thread).
    posts = Post.objects.filter(pk__in=ids).select_related("thread__category").order_by()
    posts = posts.only(
        "path",
        "created_at",
        "hidden_at",
        "removed_at",
        "thread__title",
        "thread__held_at",  # can_view_thread: a held thread is its author's and moderators'
        "thread__author",
        "thread__category__name",
        "thread__category__clinicians_only",
    )
    return {
        post.pk: (
            post.thread.title,
            reverse("forum:post", kwargs={"pk": post.pk}),
            "Opening post" if post.is_opening else f"Reply in {post.thread.category.name}",
            post.created_at,
        )
        for post in posts
        if can_view_thread(viewer, post.thread) and not (post.is_hidden or post.is_removed)
    }


def _describe_questions(ids, viewer):
    questions = (
        DoctorQuestion.objects.filter(
            pk__in=ids, visibility=Visibility.PUBLISHABLE, status__in=ANSWERED_STATUSES
        )
        .select_related("article")
        .order_by()
    )
    questions = questions.only(
        "public_id", "asker_id", "body", "answered_at", "article__number", "article__title"
    )
    return {
        question.pk: (
            Truncator(question.body).words(14),
            question.get_absolute_url(),
            _question_context(question, viewer),
            question.answered_at,
        )
        for question in questions
        if can_view(viewer, question)
    }


def _question_context(question, viewer) -> str:
    """Says that the result is not public: only its asker and clinicians can find or open it."""
    whose = "Your question" if question.asker_id == viewer.pk else "A question"
    about = f"about #{question.article.number} {question.article.title}" if question.article else ""
    return f"{whose} {about or 'in general'}, answered (not public: asker and clinicians only)"


_DESCRIBE = {
    Kind.ITEM: _describe_items,
    Kind.QA: _describe_faq,
    Kind.QUESTION: _describe_questions,
    Kind.THREAD: _describe_threads,
    Kind.POST: _describe_posts,
}
