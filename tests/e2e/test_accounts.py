"""Account journeys in a real browser, each page checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from accounts.models import ClinicianProfile, User, VerificationStatus
from tests.conftest import PASSWORD, make_user
from tests.e2e.conftest import assert_accessible, log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill_signup(page, *, email, handle):
    page.goto(page.base_url + "/accounts/signup/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Handle").fill(handle)
    page.get_by_label("Caregiver").check()
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)


def test_sign_up_verify_the_email_log_in_and_see_my_profile(page, mailoutbox):
    fill_signup(page, email="new.reader@example.com", handle="new_reader")
    assert_accessible(page)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()
    assert_accessible(page)

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    page.goto(page.base_url + re.sub(r"^https?://[^/]+", "", link))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm").click()

    # Confirmation logs this browser in; log out and in again as a returning member would.
    page.goto(page.base_url + "/")
    page.locator("summary", has_text="new_reader").click()
    page.get_by_role("button", name="Log out").click()
    log_in(page, "new.reader@example.com")
    page.locator("summary", has_text="new_reader").click()
    page.get_by_role("link", name="My profile").click()
    expect(page.get_by_role("heading", level=1, name="new_reader")).to_be_visible()
    expect(page.get_by_text("Caregiver", exact=True)).to_be_visible()
    assert "new.reader@example.com" not in page.content()
    assert_accessible(page)


def test_signup_refuses_a_look_alike_handle_beside_the_field(page):
    make_user(handle="quiet_heron")
    fill_signup(page, email="someone@example.com", handle="Quiet_Her0n")
    page.get_by_role("button", name="Sign Up").click()
    handle = page.get_by_label("Handle")
    expect(handle).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_handle_error")).to_contain_text("looks just like it")
    expect(page.get_by_label("Email")).to_have_value("someone@example.com")
    assert_accessible(page)
    assert not User.objects.filter(email="someone@example.com").exists()


def test_signup_fits_a_phone_screen(page):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + "/accounts/signup/")
    expect(page.get_by_label("Handle")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    button = page.get_by_role("button", name="Sign Up").bounding_box()
    assert button["x"] >= 0 and button["x"] + button["width"] <= 360
    assert_accessible(page)


def test_apply_as_a_clinician_and_see_the_status(page):
    member = make_user(email="nurse@example.com", handle="night_nurse")
    log_in(page, "nurse@example.com")
    page.goto(page.base_url + "/accounts/settings/")
    assert_accessible(page)
    page.get_by_role("link", name="Clinician verification").click()
    page.get_by_label("Full name, as registered").fill("Sam Rivera")
    page.get_by_label("Credentials").fill("RN")
    page.get_by_label("Profession").fill("Registered nurse")
    page.get_by_label("Licence or registration number").fill("RN-556677")
    page.get_by_label("Issuing jurisdiction").fill("British Columbia, Canada")
    assert_accessible(page)
    page.get_by_role("button", name="Send application").click()
    expect(page.get_by_text("Status: Waiting for review")).to_be_visible()
    assert_accessible(page)
    profile = ClinicianProfile.objects.get(user=member)
    assert profile.status == VerificationStatus.PENDING


def test_edit_my_profile(page):
    make_user(email="editor.of.self@example.com", handle="old_name")
    log_in(page, "editor.of.self@example.com")
    page.goto(page.base_url + "/accounts/profile/")
    page.get_by_label("Handle").fill("fresh_name")
    page.get_by_label("About me").fill("Here for my dad.")
    assert_accessible(page)
    page.get_by_role("button", name="Save profile").click()
    expect(page.get_by_role("heading", level=1, name="fresh_name")).to_be_visible()
    expect(page.get_by_text("Here for my dad.")).to_be_visible()


def test_delete_my_account_after_entering_the_password_again(page):
    make_user(email="leaving@example.com", handle="leaving_soon")
    log_in(page, "leaving@example.com")
    page.goto(page.base_url + "/accounts/delete/")
    # The password is asked again before anything else.
    expect(page.get_by_role("heading", name="Confirm Access")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Delete your account")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Type your handle to confirm").fill("leaving_soon")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("heading", name="Your account was deleted")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert User.objects.get(handle__startswith="deleted-").deleted_at is not None


def test_the_two_factor_step_is_labelled_and_accessible(page):
    from clinicalcontext.management.commands.demo_totp import current_code
    from tests.conftest import TOTP_SECRET

    make_user(email="guarded@example.com", handle="guarded_one", mfa=True)
    page.goto(page.base_url + "/accounts/login/")
    page.get_by_label("Email").fill("guarded@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    code = page.get_by_label("Authentication code")
    expect(code).to_be_visible()
    assert_accessible(page)
    code.fill(current_code(TOTP_SECRET))
    page.get_by_role("button", name="Sign In").click()
    expect(page.locator("summary", has_text="guarded_one")).to_be_visible()


def test_staff_without_mfa_opening_the_admin_are_sent_to_set_it_up(page):
    make_user(email="keeper@example.com", handle="keeper_one", is_staff=True, is_superuser=True)
    log_in(page, "keeper@example.com")
    page.goto(page.base_url + "/admin/")
    expect(page.get_by_text("needs two-factor authentication")).to_be_visible()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Activate Authenticator App")).to_be_visible()
    expect(page.get_by_label("Authenticator code")).to_be_visible()
    assert_accessible(page)


def test_allauth_pages_in_our_layout_are_accessible(page):
    for path in ("/accounts/login/", "/accounts/password/reset/"):
        page.goto(page.base_url + path)
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(page)
    make_user(email="checker@example.com", handle="page_checker")
    log_in(page, "checker@example.com")
    for path in ("/accounts/email/", "/accounts/password/change/", "/accounts/2fa/"):
        page.goto(page.base_url + path)
        expect(page.locator("main h1")).to_be_visible()
        assert_accessible(page)
