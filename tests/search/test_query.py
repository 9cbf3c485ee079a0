"""search(): relevance, phrases, exclusions, filters, pages and safe snippets, on both databases."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from articles.models import ArticleStatus
from search.parsing import QueryError
from search.query import search, suggest
from tests.articles.conftest import make_topic
from tests.conftest import make_section
from tests.forum.conftest import add_replies

from .conftest import make_article, make_faq, make_thread, reply

pytestmark = pytest.mark.django_db
anyone = AnonymousUser()


def kinds_and_ids(text, **kwargs):
    return [(hit.kind, hit.object_id) for hit in search(text, viewer=anyone, **kwargs).hits]


def test_a_title_match_ranks_above_a_passing_mention():
    mention = make_article(title="Sleep and shift work", summary="One line on valerian here.")
    about = make_article(title="Valerian for insomnia", summary="Valerian root was compared.")
    assert kinds_and_ids("valerian", kinds=("item",)) == [("item", about.pk), ("item", mention.pk)]


def test_all_words_must_match_and_stems_match():
    both = reply(make_thread(), body="Walking helped my knees more than swimming did.")
    reply(make_thread(), body="Walking every day.")
    assert kinds_and_ids("walks swim") == [("post", both.pk)]


def test_a_quoted_phrase_matches_only_words_in_that_order():
    phrase = reply(make_thread(), body="The nerve pain eased in week two.")
    reply(make_thread(), body="Pain in one nerve, they said.")
    assert kinds_and_ids('"nerve pain"') == [("post", phrase.pk)]


def test_minus_leaves_out_posts_with_that_word():
    keep = reply(make_thread(), body="Melatonin alone.")
    reply(make_thread(), body="Melatonin with cannabis oil.")
    reply(make_thread(), body="Melatonin and cannabis side effects.")
    assert kinds_and_ids("melatonin -cannabis") == [("post", keep.pk)]
    assert kinds_and_ids('melatonin -"cannabis oil"') != []
    assert ("post", keep.pk) in kinds_and_ids('melatonin -"cannabis oil"')
    assert len(kinds_and_ids('melatonin -"cannabis oil"')) == 2


def test_filters_by_kind_section_topic_and_date():
    section, other_section = make_section(), make_section()
    topic = make_topic()
    old = timezone.now() - timedelta(days=400)
    in_section = make_article(section=section, title="Rosemary oil study")
    in_section.topics.add(topic)
    make_article(section=other_section, title="Rosemary tea study", published_at=old)
    faq = make_faq(article=in_section, question="Is rosemary safe?")
    thread = make_thread(title="Rosemary for memory?")

    assert {k for k, _ in kinds_and_ids("rosemary")} == {"item", "qa", "thread"}
    assert kinds_and_ids("rosemary", kinds=("qa",)) == [("qa", faq.pk)]
    assert set(kinds_and_ids("rosemary", section=section)) == {
        ("item", in_section.pk),
        ("qa", faq.pk),
    }
    assert set(kinds_and_ids("rosemary", topic=topic)) == {("item", in_section.pk), ("qa", faq.pk)}
    recent = kinds_and_ids("rosemary", date_from=(timezone.now() - timedelta(days=30)).date())
    assert ("thread", thread.pk) in recent and len(recent) == 3
    assert [k for k, _ in kinds_and_ids("rosemary", date_to=old.date())] == ["item"]


def test_an_item_thread_counts_as_the_items_section():
    section = make_section()
    article = make_article(section=section, title="Fennel and reflux")
    thread = make_thread(title="Fennel questions")
    thread.article = article
    thread.save()
    assert ("thread", thread.pk) in kinds_and_ids("fennel", section=section)
    assert ("thread", thread.pk) not in kinds_and_ids("fennel", section=make_section())


def test_pages_of_twenty_in_rank_order():
    thread = make_thread()
    for n in range(45):
        reply(thread, body=f"Chamomile note number {n}.")
    first = search("chamomile", viewer=anyone)
    third = search("chamomile", viewer=anyone, page=3)
    assert first.total == 45 and len(first.hits) == 20
    assert len(third.hits) == 5
    assert not {h.object_id for h in first.hits} & {h.object_id for h in third.hits}
    past_the_end = search("chamomile", viewer=anyone, page=99)
    assert len(past_the_end.hits) == 5 and past_the_end.page.number == 3  # the last page
    assert all("<mark>" in str(hit.snippet) for hit in past_the_end.hits)


@pytest.mark.parametrize("replies", [10, 1000])
def test_a_search_costs_the_same_queries_for_few_and_many_matches(
    replies, django_assert_num_queries
):
    """PostgreSQL: the page, its total and its snippets in one statement; SQLite: count, page,
    snippets. Then one read per kind on the page (here posts only)."""
    add_replies(make_thread(title="Elsewhere"), replies)
    statements = 3 if connection.vendor == "sqlite" else 1
    with django_assert_num_queries(statements + 1):
        results = search("worry", viewer=anyone)
    assert results.total == replies and len(results.hits) == min(20, replies)
    assert all("<mark>worry</mark>" in str(hit.snippet) for hit in results.hits)


def test_snippet_escapes_user_text_and_marks_only_the_matches():
    reply(make_thread(), body="The **hawthorn** & <b>berry</b> <img src=x onerror=alert(1)> <i>ok")
    hit = search("hawthorn", viewer=anyone).hits[0]
    html = str(hit.snippet)
    assert "<b>" not in html and "<img" not in html and "<i>" not in html
    assert "&amp;" in html
    assert "<mark>hawthorn</mark>" in html
    assert html.count("<mark>") == html.count("</mark>") == 1


def test_title_is_escaped_and_marked():
    make_thread(title='Dill <img src=x onerror="alert(1)"> help')
    hit = search("dill", viewer=anyone).hits[0]
    assert "<img" not in str(hit.title)
    assert str(hit.title).startswith("<mark>Dill</mark> &lt;img")


def test_retracted_scheduled_and_draft_items_are_not_listed():
    make_article(title="Comfrey draft", status=ArticleStatus.DRAFT)
    make_article(title="Comfrey review", status=ArticleStatus.IN_REVIEW)
    make_article(
        title="Comfrey later",
        status=ArticleStatus.SCHEDULED,
        published_at=timezone.now() + timedelta(days=1),
    )
    make_article(title="Comfrey retracted", status=ArticleStatus.RETRACTED)
    due = make_article(
        title="Comfrey due",
        status=ArticleStatus.SCHEDULED,
        published_at=timezone.now() - timedelta(minutes=1),
    )
    assert kinds_and_ids("comfrey") == [("item", due.pk)]


def test_hostile_text_raises_query_error_not_a_database_error():
    for text in ['"', "AND", "-", "*", "\x00", "a" * 10_240, "((()"]:
        with pytest.raises(QueryError):
            search(text, viewer=anyone)
    near = reply(make_thread(), body="Near the end of the trial.")
    assert kinds_and_ids("NEAR (trial*)") == [("post", near.pk)]


def test_suggest_returns_up_to_five_faq_entries_matching_any_word():
    article = make_article()
    entries = [
        make_faq(article=article, question=f"Does ginger help nausea {n}?", answer="Some.")
        for n in range(7)
    ]
    reply(make_thread(), body="Ginger helped my nausea.")  # forum posts are not suggested
    hits = suggest("Can I take ginger tea for my morning nausea?", viewer=anyone)
    assert len(hits) == 5
    assert {h.kind for h in hits} == {"qa"}
    assert {h.object_id for h in hits} <= {e.pk for e in entries}
    assert suggest("", viewer=anyone) == []
    assert suggest("\x00 <> ((", viewer=anyone) == []
