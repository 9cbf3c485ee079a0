"""A correction in a real browser: an editor adds it in the admin; a reader who follows the
item's thread finds it in their notifications and lands on the item's Corrections. axe at
phone width and on the desktop."""

import re

import pytest
from playwright.sync_api import expect

from forum.posting import ensure_article_thread, set_thread_follow
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_editor, make_user
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
SIZES = [{"width": 360, "height": 740}, {"width": 1280, "height": 900}]
NOTE = "The trial enrolled 120 adults, not 210 as we first wrote."


def test_an_editor_corrects_an_item_and_its_followers_and_askers_hear_of_it(page, browser):
    article = make_article(title="Melatonin for jet lag")
    follower = make_user(email="follower@example.com")
    asker = make_user(email="asker@example.com")
    set_thread_follow(user=follower, thread=ensure_article_thread(article), follow=True)
    make_question(article=article, asker=asker, body="Is it safe with my warfarin dose?")
    editor = make_editor(email="desk@example.com")

    log_in(page, editor.email)
    page.goto(f"{page.base_url}/admin/articles/article/{article.pk}/change/")
    page.get_by_role("button", name=re.compile("add another public correction", re.I)).click()
    page.locator("#id_corrections-0-note").fill(NOTE)
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")

    for who in (follower, asker):
        reader = browser.new_context().new_page()
        reader.base_url = page.base_url
        reader.set_default_timeout(10_000)
        log_in(reader, who.email)
        reader.goto(reader.base_url + "/notifications/")
        link = reader.get_by_role("link", name="Correction to “Melatonin for jet lag”")
        expect(link).to_be_visible()
        expect(reader.locator("body")).not_to_contain_text("warfarin")
        for size in SIZES:
            reader.set_viewport_size(size)
            assert_accessible(reader)
        link.click()
        expect(reader.locator("#corrections")).to_contain_text(NOTE)
        for size in SIZES:
            reader.set_viewport_size(size)
            assert_accessible(reader)
        reader.context.close()
