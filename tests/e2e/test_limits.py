"""Sanctions and limits in a real browser, at phone width and on a desktop, axe on each page:
a suspended member sees why on every page and is refused posting with the reason; a warned
member acknowledges the warning; signing up again and again from one address is slowed down
with the typed fields kept; the honeypot stays out of sight and out of the tab order."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts import sanctions
from accounts.antispam import HONEYPOT_FIELD
from accounts.models import User
from tests.conftest import PASSWORD, make_moderator, make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.e2e.test_accounts import fill_signup
from tests.forum.conftest import make_thread

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _fits(page) -> bool:
    return page.evaluate("document.scrollingElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("size", SIZES)
def test_a_suspended_member_sees_why_and_cannot_post(page, size):
    page.set_viewport_size(SIZES[size])
    member = make_user(email="cooling@example.com", handle="cooling_off")
    sanctions.suspend(
        member,
        moderator=make_moderator(),
        reason="Several replies with the same advert",
        until=timezone.now() + timedelta(days=3),
    )
    thread = make_thread(title="Sleep after surgery")
    log_in(page, "cooling@example.com")

    banner = page.locator(".sanction-notice")
    expect(banner).to_contain_text("Your account is suspended until")
    expect(banner).to_contain_text("Several replies with the same advert")
    assert _fits(page)
    assert_accessible(page)

    page.goto(page.base_url + thread.get_absolute_url())
    expect(page.get_by_role("heading", name="Sleep after surgery")).to_be_visible()
    expect(banner).to_be_visible()
    expect(page.get_by_role("button", name="Post reply")).to_have_count(0)
    expect(page.get_by_text("cannot reply while it is suspended")).to_be_visible()
    assert _fits(page)
    assert_accessible(page)

    response = page.goto(page.base_url + "/forum/new/")
    assert response.status == 403
    main = page.locator("main")
    expect(main).to_contain_text("Your account is suspended until")
    expect(main).to_contain_text("Several replies with the same advert")
    expect(main).to_contain_text("download your data or delete your account")
    assert _fits(page)
    assert_accessible(page)

    page.locator(".sanction-notice").get_by_role("link", name="download your data").click()
    expect(page).to_have_url(
        page.base_url + "/accounts/reauthenticate/?next=%2Faccounts%2Fexport%2F"
    )


@pytest.mark.parametrize("size", SIZES)
def test_a_warned_member_reads_the_warning_and_dismisses_it(page, size):
    page.set_viewport_size(SIZES[size])
    member = make_user(email="warned@example.com")
    sanctions.warn(member, moderator=make_moderator(), reason="Please keep replies on topic")
    log_in(page, "warned@example.com")
    page.goto(page.base_url + "/forum/")
    notice = page.locator(".sanction-notice")
    expect(notice).to_contain_text("A moderator has sent you a warning")
    expect(notice).to_contain_text("Please keep replies on topic")
    assert _fits(page)
    assert_accessible(page)
    notice.get_by_role("button", name="I have read this").click()
    expect(page).to_have_url(page.base_url + "/forum/")
    expect(page.get_by_text("will not be shown again")).to_be_visible()
    expect(page.locator(".sanction-notice")).to_have_count(0)
    page.reload()
    expect(page.locator(".sanction-notice")).to_have_count(0)


@pytest.mark.parametrize("size", SIZES)
def test_signing_up_too_often_from_one_address_is_slowed_down_with_the_fields_kept(
    page, settings, size
):
    page.set_viewport_size(SIZES[size])
    settings.RATE_LIMITS = {"signup": [(1, 3600, "ip")]}
    fill_signup(page, email="first@example.com", handle="first_one")
    honeypot = page.locator(f"input[name={HONEYPOT_FIELD}]")
    box = honeypot.locator("xpath=..").bounding_box()  # its clipping wrapper
    assert box is None or (box["width"] <= 1 and box["height"] <= 1)
    expect(honeypot.locator("xpath=..")).to_have_attribute("aria-hidden", "true")
    expect(honeypot).to_have_attribute("tabindex", "-1")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()

    page.context.clear_cookies()
    fill_signup(page, email="second@example.com", handle="second_one")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_text("created several accounts from this address")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("second@example.com")
    expect(page.get_by_label("Handle")).to_have_value("second_one")
    assert _fits(page)
    assert_accessible(page)
    assert not User.objects.filter(email="second@example.com").exists()
    assert PASSWORD not in page.content()
