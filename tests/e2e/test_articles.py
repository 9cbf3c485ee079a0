"""An editor publishes an item in the admin; a visitor reads it (and axe finds nothing serious)."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import make_editor, make_section
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_an_editor_writes_a_second_editor_approves_and_a_visitor_reads_it(page, browser):
    make_section(name="Clinical Context", slug="clinical-context", blurb="Why it matters.")
    editor = make_editor(email="desk@example.com")
    second_editor = make_editor(email="second@example.com")
    log_in(page, editor.email)

    page.goto(f"{page.base_url}/admin/articles/article/add/")
    page.locator("#id_section").select_option(label="Clinical Context")
    page.locator("#id_title").fill("Walking after meals lowered glucose spikes")
    page.locator("#id_dek").fill("A crossover study in 30 adults.")
    page.locator("#id_summary").fill("A ten-minute walk after dinner reduced the rise in glucose.")
    page.locator("#id_commentary").fill("Easy to try, and safe for most people who walk already.")
    page.locator("#id_commentator_name").fill("Dr. Sam Reyes")
    page.locator("#id_commentator_credentials").fill("MD, endocrinology")
    page.locator("#id_source_publisher").fill("Example Journal")
    page.locator("#id_source_url").fill("https://example.com/walking")
    page.locator("#id_key_takeaways-0-text").fill("Ten minutes was enough.")
    page.locator("#id_workflow").select_option(label="Publish now")
    page.locator("input[name=_continue]").click()
    # One editor alone cannot publish: the page says who must do what.
    expect(page.locator(".messagelist")).to_contain_text("A second editor must approve")
    expect(page.locator(".field-editorial_review")).to_contain_text("Waiting for a second editor")
    change_url = page.url

    second = browser.new_context().new_page()
    second.base_url = page.base_url
    second.set_default_timeout(10_000)
    log_in(second, second_editor.email)
    second.goto(change_url)
    second.locator("#id_workflow").select_option(
        label="Approve for publication (as the second editor)"
    )
    second.locator("input[name=_continue]").click()
    expect(second.locator(".field-editorial_review")).to_contain_text("Approved by")
    second.context.close()

    page.goto(change_url)
    page.locator("#id_workflow").select_option(label="Publish now")
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("Publish now: done.")
    expect(page.locator(".fieldBox.field-status")).to_contain_text("Published")

    visitor = browser.new_context().new_page()
    csp_errors = []
    visitor.on(
        "console",
        lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None,
    )
    visitor.set_viewport_size({"width": 375, "height": 800})
    visitor.goto(f"{page.base_url}/articles/")
    visitor.get_by_role("link", name="Walking after meals lowered glucose spikes").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text(
        "Walking after meals lowered glucose spikes"
    )
    expect(visitor.get_by_text("Ten minutes was enough.")).to_be_visible()
    expect(visitor.get_by_text("Not confirmed by a verified clinician")).to_be_visible()
    expect(visitor.get_by_role("link", name="Join the forum discussion")).to_be_visible()
    expect(visitor.get_by_role("button", name="Copy link")).to_be_visible()
    assert re.search(r"/articles/\d+/walking-after-meals", visitor.url)
    assert visitor.evaluate("document.documentElement.scrollWidth") <= 375
    visitor.reload()  # the second visit is served from the page cache, with a fresh nonce
    expect(visitor.get_by_role("button", name="Copy link")).to_be_visible()
    visitor.base_url = page.base_url
    assert_accessible(visitor)
    assert not csp_errors, csp_errors
    visitor.context.close()
