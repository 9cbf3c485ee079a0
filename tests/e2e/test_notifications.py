"""Notifications in a real browser: follow a thread, hear of a reply, read the email's
unsubscribe link without logging in. axe at phone width and on the desktop."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from notifications.kinds import Frequency, Kind
from notifications.models import Notification, OutboundEmail
from notifications.preferences import all_preferences
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def accessible_at_both_widths(page):
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        assert_accessible(page)
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_follow_a_thread_hear_of_a_reply_and_unsubscribe_from_the_email(page):
    follower = make_user(email="follower@example.com", handle="night_owl")
    replier = make_user(handle="early_riser")
    thread = make_thread(title="Sleep after night shifts")
    page.set_viewport_size(PHONE)

    # The follower follows the thread and asks for email at once about replies in it.
    log_in(page, follower.email)
    page.goto(page.base_url + thread.get_absolute_url())
    page.get_by_role("button", name="Follow this thread").click()
    expect(page.get_by_role("button", name="Stop following")).to_be_visible()
    page.goto(page.base_url + "/notifications/settings/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification and email settings")
    accessible_at_both_widths(page)
    page.get_by_label("Replies in threads I follow: email").select_option(Frequency.IMMEDIATELY)
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_text("Your notification settings are saved.")).to_be_visible()

    # Another member replies; the follower's bell shows it.
    post = reply(thread, author=replier, body="Blackout blinds helped me a great deal.")
    page.goto(page.base_url + "/")
    bell = page.get_by_role("link", name=re.compile("Notifications"))
    expect(bell).to_contain_text("1")
    accessible_at_both_widths(page)
    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    accessible_at_both_widths(page)
    page.get_by_role("link", name=re.compile("Sleep after night shifts")).click()
    expect(page).to_have_url(
        re.compile(rf"{re.escape(thread.get_absolute_url())}.*#post-{post.pk}")
    )
    assert Notification.objects.get(recipient=follower).read_at is not None

    # The email went through the outbox, with one-click unsubscribe headers and no words of
    # the post.
    stored = OutboundEmail.objects.get(to=[follower.email])
    assert stored.headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    [email] = [m for m in mail.outbox if m.to == [follower.email]]
    assert email.extra_headers["List-Unsubscribe"] == stored.headers["List-Unsubscribe"]
    assert "Sleep after night shifts" in email.body
    assert "Blackout blinds" not in email.body + email.subject
    link = re.search(r"<(https?://[^>]+)>", stored.headers["List-Unsubscribe"]).group(1)

    # Logged out, the link unsubscribes from that kind of email.
    page.context.clear_cookies()
    page.goto(page.base_url + link[link.index("/notifications/") :])
    accessible_at_both_widths(page)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("status")).to_contain_text("you will get no more")
    accessible_at_both_widths(page)
    assert all_preferences(user_id=follower.pk)[Kind.THREAD_REPLY].email == Frequency.NEVER
