"""Everyday journeys: a clinician confirms their commentary, a refused page says what to do,
withdrawing a question asks first, export and deletion confirm. Each at 360 px and desktop."""

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleStatus
from tests.articles.conftest import make_question
from tests.conftest import PASSWORD, make_article, make_clinician, make_user
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIZES = [{"width": 360, "height": 740}, {"width": 1280, "height": 900}]


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_the_linked_clinician_confirms_their_commentary(page, size):
    page.set_viewport_size(size)
    clinician = make_clinician(email="doc@example.com")
    article = make_article(status=ArticleStatus.DRAFT, commentator=clinician)
    log_in(page, clinician.email)
    page.goto(f"{page.base_url}/articles/{article.number}/commentary/confirm/")
    expect(page.get_by_role("heading", name="Confirm your commentary")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="This is my commentary: confirm it").click()
    expect(page.get_by_text("the commentary is confirmed as yours")).to_be_visible()
    assert_accessible(page)
    assert Article.objects.get(pk=article.pk).commentary_confirmed


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_a_new_clinician_without_two_factor_is_told_to_set_it_up(page, size):
    page.set_viewport_size(size)
    clinician = make_clinician(email="new.doc@example.com", mfa=False)
    log_in(page, clinician.email)
    page.goto(f"{page.base_url}/articles/ask/queue/")
    expect(page.get_by_text("needs two-factor authentication")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= size["width"]
    page.get_by_role("link", name="Set up two-factor authentication").click()
    reauthenticate(page)
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_withdrawing_a_question_asks_first(page, size):
    page.set_viewport_size(size)
    asker = make_user(email="asker@example.com")
    question = make_question(asker=asker)
    log_in(page, asker.email)
    page.goto(page.base_url + question.get_absolute_url())
    page.get_by_role("link", name="Withdraw my question…").click()
    expect(page.get_by_role("heading", name="Withdraw your question?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Keep my question").click()
    question.refresh_from_db()
    assert question.status == "submitted"
    page.get_by_role("link", name="Withdraw my question…").click()
    page.get_by_role("button", name="Yes, withdraw it").click()
    expect(page.get_by_text("Your question was withdrawn.")).to_be_visible()
    assert_accessible(page)


def reauthenticate(page) -> None:
    if "/reauthenticate" in page.url:
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state()


@pytest.mark.parametrize("size", SIZES, ids=["phone", "desktop"])
def test_export_then_deletion_each_confirm(page, size):
    page.set_viewport_size(size)
    member = make_user(email="leaving@example.com")
    log_in(page, member.email)
    page.goto(f"{page.base_url}/accounts/settings/")
    page.get_by_role("link", name="Download my data").click()
    reauthenticate(page)
    expect(page.get_by_text("You confirmed it's you")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download my data").click()
    assert download.value.suggested_filename.startswith("clinical-context-")

    page.goto(f"{page.base_url}/accounts/delete/")
    reauthenticate(page)
    page.get_by_label("Type your handle to confirm").fill(member.handle)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account was deleted")).to_be_visible()
    assert_accessible(page)
