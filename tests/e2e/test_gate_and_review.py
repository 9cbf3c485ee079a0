"""The admin's gate panel in a real browser, and the item page's review line and superseded
banner, at phone width (360 px) and desktop, with axe finding nothing serious."""

import datetime
import os

import pytest
from playwright.sync_api import expect

from articles.models import ArticleStatus, KeyTakeaway
from tests.conftest import make_article, make_editor
from tests.e2e.conftest import _axe, assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIZES = [{"width": 360, "height": 780}, {"width": 1280, "height": 900}]


def test_an_editor_sees_what_blocks_publishing_and_what_was_repaired(page):
    article = make_article(
        status=ArticleStatus.DRAFT,
        title="Nightly nasal spray and migraine days",
        summary="I'm sorry, but I can't open the link you shared, so I cannot summarise it.",
    )
    KeyTakeaway.objects.create(article=article, position=0, text="CafÃ© workers slept less.")
    editor = make_editor(email="desk@example.com")
    log_in(page, editor.email)
    page.goto(f"{page.base_url}/admin/articles/article/{article.pk}/change/")
    page.locator("#id_workflow").select_option(label="Publish now")
    page.locator("input[name=_continue]").click()

    messages = page.locator(".messagelist li")
    expect(messages).to_have_count(1)
    expect(messages.first).to_have_class("error")
    expect(messages.first).to_contain_text("Saved as draft, not published")
    blocking = page.locator(".gate-finding.gate-blocking")
    expect(blocking).to_have_count(1)
    expect(blocking).to_contain_text("Blocks publishing")
    expect(blocking).to_contain_text("Summary")
    expect(blocking).to_contain_text("I can't open the link you shared")
    repaired = page.locator(".gate-finding.gate-repaired")
    expect(repaired).to_contain_text("Key takeaway 1")
    expect(repaired).to_contain_text("now reads")
    expect(repaired).to_contain_text("Café")
    red = blocking.evaluate("el => getComputedStyle(el).borderLeftColor")
    grey = repaired.evaluate("el => getComputedStyle(el).borderLeftColor")
    assert red == "rgb(164, 21, 21)" and grey == "rgb(95, 95, 95)"
    if shot := os.environ.get("GATE_SCREENSHOT"):
        page.locator("fieldset.gate").screenshot(path=shot)
    for size in SIZES:
        page.set_viewport_size(size)
        page.locator(".gate-findings").scroll_into_view_if_needed()
        assert_panel_accessible(page)


def assert_panel_accessible(page) -> None:
    """axe on the messages and the gate panel on their own (so a finding names them), then on
    the whole change form, Django's inlines and widgets included (tests/e2e/test_admin_axe.py
    walks the other admin pages editors use)."""
    expect(page.locator("fieldset.gate")).to_have_count(1)  # so axe cannot pass on nothing
    results = _axe.run(page, context={"include": [[".messagelist"], ["fieldset.gate"]]})
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, bad
    assert_accessible(page)


def test_a_reader_sees_the_review_line_and_the_newer_item(page):
    newer = make_article(title="Updated advice on nasal sprays for migraine")
    older = make_article(
        title="Nightly nasal spray and migraine days",
        superseded_by=newer,
        last_reviewed_on=datetime.date(2026, 3, 3),
        last_reviewed_by="Dr. Ines Halvorsen",
    )
    for size in SIZES:
        page.set_viewport_size(size)
        page.goto(f"{page.base_url}{older.get_absolute_url()}")
        banner = page.get_by_role("note").filter(has_text="superseded")
        expect(banner).to_be_visible()
        expect(page.locator(".item-review")).to_have_text(
            "Reviewed 3 March 2026 by Dr. Ines Halvorsen · next review due March 2027"
        )
        box = banner.bounding_box()
        title = page.get_by_role("heading", level=1).bounding_box()
        assert box["y"] < title["y"]  # the banner stands above the item
        assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert_accessible(page)
    page.get_by_role("link", name=f"#{newer.number} Updated advice").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(newer.title)
