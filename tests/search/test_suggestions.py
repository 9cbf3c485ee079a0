"""The "already answered?" fragment: POST only, FAQ entries only, never a private question."""

import pytest
from django.urls import reverse

from articles.models import FAQItem
from tests.articles.conftest import make_question

from .conftest import make_article, make_faq, make_thread, reply

pytestmark = pytest.mark.django_db
URL = reverse("search:suggestions")


def test_suggests_up_to_five_answered_questions_matching_what_is_typed(client):
    article = make_article()
    for n in range(6):
        make_faq(article=article, question=f"Does turmeric interact with warfarin ({n})?")
    make_faq(article=article, question="Unrelated entry about sleep?")
    response = client.post(URL, {"body": "Can I take turmeric while on warfarin?"})
    assert response.status_code == 200
    assert "Already answered?" in response.text
    assert response.text.count("<li>") == 5
    assert "<mark>turmeric</mark>" in response.text.lower()
    assert "sleep" not in response.text


def test_private_questions_and_forum_posts_are_never_suggested(client, member):
    make_question(body="Does turmeric hurt my liver? private canary")
    reply(make_thread(), body="Turmeric hurt my liver canary")
    client.force_login(member)
    response = client.post(URL, {"body": "turmeric liver canary"})
    assert response.status_code == 200
    assert "canary" not in response.text  # the fragment never echoes what was typed
    assert "<li>" not in response.text
    assert "No answered question matches yet" in response.text


def test_get_is_refused_so_question_text_never_sits_in_a_url(client):
    assert client.get(URL, {"body": "turmeric"}).status_code == 405


def test_empty_hostile_and_huge_text_give_an_empty_fragment_not_an_error(client):
    make_faq(question="Is turmeric safe?")
    for text in ["", "   ", "\x00\x01", '"((( AND', "turmeric " * 5000]:
        response = client.post(URL, {"body": text})
        assert response.status_code == 200


@pytest.mark.parametrize("rows", [10, 1000])
def test_query_count_is_fixed(client, member, rows, django_assert_num_queries):
    article = make_article()
    FAQItem.objects.bulk_create(
        FAQItem(article=article, question=f"Turmeric question {n}?", answer="A.", answer_html="")
        for n in range(rows)
    )
    client.force_login(member)
    with django_assert_num_queries(5):  # user, groups; top five ids; their snippets; entries
        response = client.post(URL, {"body": "turmeric"})
    assert response.text.count("<li>") == 5
