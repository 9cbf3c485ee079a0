import pytest

from tests.e2e.conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_home_page_is_accessible_on_a_phone_and_in_dark_mode(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(color_scheme="dark")
    page.goto(page.base_url + "/")
    assert page.get_by_role("navigation", name="Main").is_visible()
    assert page.get_by_role("link", name="Ask a clinician").is_visible()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_content(page):
    page.goto(page.base_url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert "Skip to content" in focused
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
