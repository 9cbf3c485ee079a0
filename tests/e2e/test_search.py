"""Search journeys in a real browser: from the header, as a visitor and as a member, at phone
width and on a desktop, with axe on every page and the filters used without JavaScript tricks."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import QuestionStatus, Visibility
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.forum.conftest import make_category, make_thread, reply
from tests.search.conftest import make_faq

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _content():
    item = make_article(title="Magnesium and night cramps", summary="A trial of magnesium.")
    make_faq(article=item, question="Should I take magnesium every night?", answer="Ask first.")
    thread = make_thread(title="Cramps at 3 am", body="Anyone tried magnesium for this?")
    reply(thread, body="Magnesium <b>glycinate</b> helped me, oddly.")
    reply(thread, body="Stretching helped me more than anything.")
    return item, thread


@pytest.mark.parametrize("size", SIZES)
def test_a_visitor_searches_from_the_header_and_narrows_to_forum_posts(page, size):
    page.set_viewport_size(SIZES[size])
    _content()
    page.goto(page.base_url + "/forum/")
    header = page.get_by_role("search")
    header.get_by_label("Search the site").fill("magnesium")
    header.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect(page.get_by_role("heading", name="4 results")).to_be_visible()
    results = page.locator(".search-results")
    expect(results.locator("mark").first).to_have_text(re.compile("^magnesium$", re.I))
    expect(results).to_contain_text("glycinate")  # the <b> was escaped, never rendered
    expect(results.locator("b")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert_accessible(page)

    page.get_by_text("Filters", exact=True).click()
    page.get_by_label("Forum posts").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="2 results")).to_be_visible()
    page.get_by_role("link", name="Cramps at 3 am").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cramps at 3 am")


@pytest.mark.parametrize("size", SIZES)
def test_a_member_searches_a_phrase_with_an_exclusion_and_a_hostile_query_is_explained(page, size):
    page.set_viewport_size(SIZES[size])
    _content()
    closed = make_category(clinicians_only=True, name="Clinicians' room")
    assert closed.clinicians_only
    make_user(email="reader@example.com", handle="night_reader")
    log_in(page, "reader@example.com")
    page.goto(page.base_url + "/")
    page.get_by_role("search").get_by_label("Search the site").fill('"helped me" -stretching')
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    expect(page.locator(".search-hit")).to_contain_text("glycinate")
    assert_accessible(page)

    box = page.locator("main").get_by_label("Search for")
    box.fill("((( AND OR NOT )))")
    page.locator("main").get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#search-q-error")).to_contain_text("Type a word or two")
    expect(box).to_have_value("((( AND OR NOT )))")
    expect(box).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


@pytest.mark.parametrize("size", SIZES)
def test_an_asker_finds_their_answered_question_and_a_mention_links_to_the_member(page, size):
    """A publishable answered question is found by its asker (not by the public) and opens; an
    @handle in a post found by search is a link to that member's profile."""
    page.set_viewport_size(SIZES[size])
    asker = make_user(email="asker@example.com", handle="curious_asker")
    make_question(
        asker=asker,
        status=QuestionStatus.ANSWERED,
        visibility=Visibility.PUBLISHABLE,
        body="Can I take feverfew with my blood thinner?",
    )
    thread = make_thread(title="Feverfew tea", body="Tried feverfew, thanks @curious_asker")
    page.goto(page.base_url + "/search/?q=feverfew")
    expect(page.get_by_role("heading", name="2 results")).to_be_visible()  # thread, post
    log_in(page, "asker@example.com")
    page.goto(page.base_url + "/search/?q=feverfew")
    expect(page.get_by_role("heading", name="3 results")).to_be_visible()
    hit = page.locator(".search-hit-question")
    expect(hit).to_contain_text("Your question")
    expect(hit).to_contain_text("not public")
    assert_accessible(page)
    hit.get_by_role("link").click()
    expect(page.locator("main")).to_contain_text("blood thinner")
    page.goto(page.base_url + thread.get_absolute_url())
    page.locator("main").get_by_role("link", name="@curious_asker").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("curious_asker")
