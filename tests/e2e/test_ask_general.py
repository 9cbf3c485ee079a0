"""Ask in general, with "already answered?" suggestions while typing, in a real browser at phone
width and on a desktop, with axe on every page; then the clinician finds it in the queue."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import DoctorQuestion
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_clinician, make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.search.conftest import make_faq

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("size", SIZES)
def test_a_patient_sees_answered_questions_while_typing_then_asks_in_general(page, size):
    page.set_viewport_size(SIZES[size])
    item = make_article(title="Ginger and travel sickness")
    make_faq(article=item, question="Does ginger help with nausea?", answer="It can, a little.")
    make_faq(article=item, question="Is it safe in pregnancy?", answer="Ask your midwife.")
    make_question(article=item, body="Private: does ginger help my nausea on chemo canary?")
    make_user(email="asker@example.com", handle="quiet_wren")
    make_clinician(email="doc@example.com", handle="dr_general")

    log_in(page, "asker@example.com")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Ask a clinician").click()
    page.get_by_role("link", name="Ask a general question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ask a general question")
    expect(
        page.get_by_role("link", name="search the questions clinicians have answered")
    ).to_be_visible()
    assert_accessible(page)

    box = page.get_by_label("Your question", exact=True)
    box.press_sequentially("Can ginger tea settle my nausea", delay=20)
    suggestions = page.locator("#ask-suggestions")
    expect(suggestions.get_by_role("heading", name="Already answered?")).to_be_visible()
    expect(suggestions.get_by_role("link")).to_have_count(1)
    expect(suggestions.get_by_role("link")).to_contain_text("Does ginger help with nausea?")
    expect(suggestions).not_to_contain_text("canary")
    assert page.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"]
    assert_accessible(page)

    box.fill("Can ginger tea settle my nausea before a long bus ride?")
    page.get_by_role("button", name="Send my question").click()
    page.wait_for_url(re.compile(r"/articles/ask/q/[\w-]{16}/$"))
    expect(page.locator(".panel").first).to_contain_text("General question")
    question = DoctorQuestion.objects.get(asker__handle="quiet_wren")
    assert question.article is None and question.is_private
    assert_accessible(page)

    doctor = page.context.browser.new_context().new_page()
    doctor.set_viewport_size(SIZES[size])
    doctor.base_url = page.base_url
    log_in(doctor, "doc@example.com")
    doctor.goto(page.base_url + "/articles/ask/queue/")
    doctor.get_by_label("About").select_option("general")
    doctor.get_by_role("button", name="Filter").click()
    cards = doctor.locator(".queue-list .card")
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text("General question")
    assert_accessible(doctor)
    cards.get_by_role("link").click()
    expect(doctor.locator("main")).to_contain_text("before a long bus ride")
