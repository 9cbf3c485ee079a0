"""A question from someone in danger, in a real browser at phone and desktop widths: crisis lines
before (a preview) and after sending, then first in a clinician's queue, marked urgent, with its
opening words; axe on every page on the way."""

import re

import pytest

from articles.models import QuestionAccessLog
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_clinician, make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.e2e.test_ask_doctor import _second_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

IN_DANGER = "I think about ending my life since I started this tablet. What should I do?"
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("size", SIZES.values(), ids=SIZES.keys())
def test_a_question_in_crisis_shows_help_and_leads_the_clinicians_queue(page, size):
    article = make_article(title="Starting an SSRI: the first weeks")
    make_user(email="asker@example.com", handle="quiet_heron")
    clinician = make_clinician(email="doc@example.com", handle="dr_on_call")
    older = make_question(article=article, body="Can I take it with ibuprofen?")
    page.set_viewport_size(size)

    # Before anything is sent (a preview), the crisis lines lead the page; the text stays.
    log_in(page, "asker@example.com")
    page.goto(f"{page.base_url}/articles/{article.number}/ask/")
    page.get_by_label("Your question", exact=True).fill(IN_DANGER)
    page.get_by_role("button", name="Preview").click()
    before = page.locator(".crisis-panel")
    assert before.is_visible() and "988" in before.inner_text()  # en-US browser: US lines
    assert before.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    assert page.get_by_label("Your question", exact=True).input_value() == IN_DANGER
    assert_accessible(page)

    # After sending: the question page opens with the crisis lines above everything else.
    page.get_by_role("button", name="Send my question").click()
    page.wait_for_url(re.compile(r"/articles/ask/q/[\w-]{16}/$"))
    panel = page.locator(".crisis-panel").first
    assert panel.is_visible()
    heading = page.get_by_role("heading", name="Your question", exact=True)
    assert panel.bounding_box()["y"] < heading.bounding_box()["y"]
    assert page.get_by_text("at the top of their queue").is_visible()
    assert page.get_by_text("ending my life").is_visible()  # the text was kept, not dropped
    assert_accessible(page)

    # A clinician sees it first, marked urgent, with its opening words: no click needed.
    doctor, doctor_csp = _second_page(page)
    doctor.set_viewport_size(size)
    log_in(doctor, "doc@example.com")
    doctor.goto(f"{doctor.base_url}/articles/ask/queue/")
    first = doctor.locator(".queue-list > li").first
    assert first.get_by_text("Urgent · suicide risk").is_visible()
    assert first.get_by_text("I think about ending my life").is_visible()
    assert doctor.locator(".queue-list > li").nth(1).get_by_text("ibuprofen").is_visible()
    assert_accessible(doctor)
    assert not doctor_csp, f"CSP violations: {doctor_csp}"
    # Listing the private excerpts was recorded like an open, one row per question.
    listed = QuestionAccessLog.objects.filter(viewer=clinician, where="queue")
    assert listed.filter(question=older).count() == 1 and listed.count() == 2
    doctor.context.close()
