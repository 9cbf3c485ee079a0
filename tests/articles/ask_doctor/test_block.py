"""The item page's "ask the clinician" block: `article_block_context` and its partial."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template.loader import render_to_string

from articles.ask_doctor import faq, integration, queue
from articles.models import Article, FAQItem, QuestionStatus, Visibility
from tests.articles.conftest import make_question
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
S = QuestionStatus


def _page(article):
    """The item as the item page reads it."""
    return Article.objects.for_detail_page().get(pk=article.pk)


def _promote(question, *, faq_question="Is this safe with an SSRI?"):
    proposed = faq.propose_faq(
        question_id=question.pk,
        clinician=question.claimed_by,
        faq_question=faq_question,
        faq_answer="In general yes; check with your prescriber.",
    )
    token = faq.faq_consent_token(proposed)
    return faq.confirm_faq(question=proposed, asker=question.asker, token=token, consent=True)


def test_block_shows_the_ask_link_answered_count_and_published_qas_only(article):
    promoted = make_question(article=article, status=S.ANSWERED, visibility=Visibility.PUBLISHABLE)
    _promote(promoted)
    make_question(article=article, status=S.ANSWERED, body="A private answered question")
    make_question(article=article, status=S.CLOSED)
    make_question(article=article)  # waiting: not counted
    make_question(status=S.ANSWERED)  # another item
    FAQItem.objects.create(article=article, question="An editor's FAQ", answer="Not from a Q&A")

    context = integration.article_block_context(_page(article), AnonymousUser())
    assert context["answered_count"] == 3
    assert [qa["question"] for qa in context["published_questions"]] == [
        "Is this safe with an SSRI?"
    ]
    html = render_to_string("articles/ask_doctor/_article_block.html", context)
    assert f"/articles/{article.number}/ask/" in html
    assert "3 questions about this item answered" in html
    assert "1 answered question readers agreed to share" in html
    assert "sertraline" not in html and "private answered" not in html


def test_the_item_page_shows_promoted_qas_in_its_faq_attributed_and_nothing_private(
    article, client
):
    promoted = make_question(article=article, status=S.ANSWERED, visibility=Visibility.PUBLISHABLE)
    _promote(promoted)
    make_question(article=article, status=S.ANSWERED, body="A private answered question")
    html = client.get(article.get_absolute_url()).content.decode()
    faq = html[html.index('id="faq-heading"') :]
    assert "Is this safe with an SSRI?" in faq
    assert "asked by a reader" in faq
    assert promoted.claimed_by.clinician_profile.full_name in faq  # attributed
    assert "1 answered question readers agreed to share" in html
    assert "sertraline" not in html and "private answered" not in html
    assert promoted.asker.handle not in html  # the asker did not choose to show it


def test_item_faq_shows_the_askers_handle_only_when_they_chose_to(article, client):
    asker = make_user(handle="open_book")
    question = make_question(
        article=article,
        asker=asker,
        status=S.ANSWERED,
        visibility=Visibility.PUBLISHABLE,
        show_handle=True,
    )
    _promote(question)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "asked by open_book" in html


def test_block_with_nothing_answered_says_so(article):
    html = render_to_string(
        "articles/ask_doctor/_article_block.html",
        integration.article_block_context(_page(article), AnonymousUser()),
    )
    assert "No questions about this item have been answered yet" in html


@pytest.mark.parametrize("size", [2, 40])
def test_block_context_takes_no_query_whatever_the_size(article, size, django_assert_num_queries):
    for n in range(size):
        question = make_question(
            article=article, status=S.ANSWERED, visibility=Visibility.PUBLISHABLE
        )
        _promote(question, faq_question=f"Question {n}")
    viewer = AnonymousUser()
    page = _page(article)  # the item page's one read selected everything the block shows
    with django_assert_num_queries(0):
        context = integration.article_block_context(page, viewer)
        render_to_string("articles/ask_doctor/_article_block.html", context)
    assert len(context["published_questions"]) == size


def test_an_answer_refreshes_the_answered_count_on_the_readers_cached_item_page(article, client):
    question = make_question(article=article, status=S.CLAIMED)
    assert (
        "No questions about this item have been answered yet"
        in client.get(article.get_absolute_url()).content.decode()
    )  # anonymous: now cached
    queue.answer_question(
        question_id=question.pk, clinician=question.claimed_by, body="In general, yes."
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "1 question about this item answered" in html
