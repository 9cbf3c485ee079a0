"""The search page: plain GET form, messages beside the field for bad input, fixed query count."""

import pytest
from django.db import connection

from forum.models import Post
from tests.articles.conftest import make_topic
from tests.conftest import make_section
from tests.forum.conftest import add_replies

from .conftest import make_article, make_faq, make_thread, reply

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/articles/", "/forum/", "/search/"])
def test_every_page_has_the_search_box_in_its_header(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert '<form class="site-search" role="search" method="get" action="/search/">' in (
        response.text
    )
    assert '<label class="visually-hidden" for="site-search-q">' in response.text


def test_empty_page_shows_the_form_and_no_error(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.text and "errorlist" not in response.text


def test_results_link_to_the_page_and_mark_the_words(client, member):
    thread = make_thread(title="Sage and memory")
    post = reply(thread, body="Sage tea every morning.")
    client.force_login(member)
    response = client.get("/search/", {"q": "sage"})
    assert response.status_code == 200
    assert f'href="/forum/posts/{post.pk}/"' in response.text
    assert f'href="{thread.get_absolute_url()}"' in response.text
    assert "<mark>Sage</mark> tea every morning" in response.text


HOSTILE = {
    "quotes": ('"""', "Type a word or two"),
    "operators only": ("AND OR NOT", "Type a word or two"),
    "exclusions only": ("-sage -tea", "not only words to leave out"),
    "unbalanced brackets": ("((((", "Type a word or two"),
    "10 KB": ("sage " * 2048, "at most 200 characters"),
    "NUL": ("sage\x00tea", "Null characters are not allowed"),
    "bidi and controls": ("sage\x1b[31m", "control characters"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_input_gets_a_message_beside_the_field_and_no_500(client, case):
    text, message = HOSTILE[case]
    response = client.get("/search/", {"q": text})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert message in response.text
    assert "\x00" not in response.text


def test_odd_but_searchable_input_searches(client):
    reply(make_thread(), body="Sage helps.")
    for text in ['sage"', "sage)", "sage*", "+sage", "{sage}", "sage:^"]:
        response = client.get("/search/", {"q": text})
        assert response.status_code == 200
        assert "1 result" in response.text, text


@pytest.mark.parametrize(
    "params",
    [
        {"q": "sage", "kind": "bogus"},
        {"q": "sage", "section": "no-such-section"},
        {"q": "sage", "date_from": "2026-13-45"},
        {"q": "sage", "date_from": "2026-05-02", "date_to": "2026-05-01"},
        {"q": "sage", "page": "-1"},
        {"q": "sage", "page": "99999999999999999999"},
        {"q": "sage", "page": "abc"},
    ],
)
def test_bad_filters_get_a_message_not_a_500(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert "errorlist" in response.text
    assert 'value="sage"' in response.text  # what was typed stays in the box


def test_pagination_links_keep_the_query_and_filters(client):
    thread = make_thread()
    add_replies(thread, 25)
    response = client.get("/search/", {"q": "worry", "kind": "post"})
    assert "25 results" in response.text
    assert 'href="?q=worry&amp;kind=post&amp;page=2"' in response.text


@pytest.mark.parametrize("rows", [10, 1000])
def test_search_page_query_count_is_fixed(client, member, rows, django_assert_num_queries):
    section, topic = make_section(), make_topic()
    item = make_article(section=section, title="Worry and sleep")
    make_faq(article=item, question="Is worry normal?")
    thread = make_thread(title="Worry at night")
    add_replies(thread, rows)
    assert Post.objects.count() >= rows
    client.force_login(member)
    # The user and their groups (header roles; the session is in the cache); one page of ids
    # with the total and the page's snippets (SQLite: the count, the page, then its snippets);
    # one read per kind on the page (item, FAQ entry, thread, posts); the filter's sections and
    # topics.
    with django_assert_num_queries(12 if connection.vendor == "sqlite" else 10):  # + the bell
        response = client.get("/search/", {"q": "worry"})
    assert response.status_code == 200
    assert f"{rows + 3} results" in response.text
    assert topic.name in response.text and section.name in response.text
