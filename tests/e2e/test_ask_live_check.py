"""The ask-the-doctor form's live check, in a real browser at phone and desktop width: words
that say someone is in danger bring the crisis lines a moment after typing stops, before
anything is sent or previewed; axe on the page."""

import pytest
from playwright.sync_api import expect

from articles.models import DoctorQuestion
from tests.conftest import make_article, make_user
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IN_DANGER = "I think about ending my life since I started this tablet. What should I do?"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_typing_words_of_danger_shows_the_crisis_lines_before_sending(page, size):
    article = make_article(title="Starting an SSRI: the first weeks")
    make_user(email="asker@example.com", handle="quiet_heron")
    page.set_viewport_size(SIZES[size])
    log_in(page, "asker@example.com")
    page.goto(f"{page.base_url}/articles/{article.number}/ask/")
    box = page.get_by_label("Your question", exact=True)
    box.press_sequentially("Is it normal to feel tired at first?")
    page.wait_for_timeout(1500)  # past the check's 900 ms pause: a plain question, no panel
    assert page.locator("#ask-screening .crisis-panel").count() == 0

    box.fill(IN_DANGER)
    panel = page.locator("#ask-screening .crisis-panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("988")  # en-US browser: US lines
    # Nothing was sent or previewed; the text is still in the box.
    assert not DoctorQuestion.objects.exists()
    assert page.locator(".ask-preview").count() == 0
    expect(box).to_have_value(IN_DANGER)
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert_accessible(page)


def test_a_phone_number_in_a_question_is_warned_as_a_question_not_a_forum_post(page):
    article = make_article(title="Starting an SSRI: the first weeks")
    make_user(email="asker@example.com", handle="quiet_heron")
    log_in(page, "asker@example.com")
    page.goto(f"{page.base_url}/articles/{article.number}/ask/")
    page.get_by_label("Your question", exact=True).fill("Ring me on 07700 900123 please.")
    warning = page.locator("#ask-screening #identifier-warning")
    expect(warning).to_contain_text("Clinicians read your question")
    expect(warning).not_to_contain_text("Everyone can read the forum")
    expect(warning.locator("mark")).to_have_text("07700 900123")
    assert_accessible(page)
