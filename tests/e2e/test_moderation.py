"""Moderation in a real browser, at phone width and on a desktop, with axe on every page: a
member reports a post; a moderator finds it in the queue and hides it with a reason; the author
sees the reason and appeals; the moderator who hid it cannot decide, a different one does."""

import pytest
from playwright.sync_api import expect

from forum.models import Post
from moderation.models import Appeal, Report, ReportReason
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_moderator, make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.forum.conftest import make_category, make_thread, reply
from tests.moderation.conftest import make_report

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


def _as(page, email, size):
    """A separate browser (its own cookies) for another person, at the same size."""
    other = page.context.browser.new_context().new_page()
    other.set_default_timeout(10_000)
    other.base_url = page.base_url
    other.set_viewport_size(SIZES[size])
    log_in(other, email)
    other.goto(f"{other.base_url}/")  # a known page, whatever the login flow ended on
    return other


@pytest.mark.parametrize("size", SIZES)
def test_report_hide_appeal_and_a_different_moderator_decides(page, size):
    page.set_viewport_size(SIZES[size])
    thread = make_thread(category=make_category(name="Living with migraine"),
                         title="What helps on the worst days?")  # fmt: skip
    author = make_user(email="sam@example.com", handle="sunny_sam")
    post = reply(thread, author=author, body="Try the supplements at cheap-cures.example, 50% off!")
    make_user(email="kim@example.com", handle="careful_kim")
    make_moderator(email="mod.one@example.com", handle="mod_one")
    make_moderator(email="mod.two@example.com", handle="mod_two")

    # A member reports the post, without JavaScript needed: a plain link to a form.
    log_in(page, "kim@example.com")
    page.goto(page.base_url + thread.get_absolute_url())
    page.locator(f"#post-{post.pk}").get_by_role("link", name="Report", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Report a post by sunny_sam")
    assert_accessible(page)
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_role("status")).to_contain_text("A moderator will look at it")
    assert Report.objects.filter(post=post).count() == 1

    # A moderator sees it counted in the header, opens the queue and hides it with a reason.
    moderator = _as(page, "mod.one@example.com", size)
    review = moderator.get_by_role("link", name="Review 1 item waiting in the review queue")
    review.click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Review queue")
    expect(moderator.locator(".review-card")).to_contain_text("1 report: spam or advertising")
    assert_accessible(moderator)
    moderator.get_by_role("link", name="Review item 1").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Reported")
    assert_accessible(moderator)
    moderator.get_by_label("Reason").first.fill("Advertising is not allowed in the forum.")
    moderator.get_by_role("button", name="Hide with reason").click()
    expect(moderator.get_by_text("Nothing is waiting")).to_be_visible()
    assert Post.objects.get(pk=post.pk).is_hidden

    # The author sees the reason and appeals, once.
    writer = _as(page, "sam@example.com", size)
    writer.locator("summary", has_text="sunny_sam").click()
    writer.get_by_role("link", name="My reports and appeals").click()
    expect(writer.get_by_text("Advertising is not allowed in the forum.")).to_be_visible()
    assert_accessible(writer)
    writer.get_by_role("link", name="See the reason and appeal").click()
    assert_accessible(writer)
    writer.get_by_label("Why should a moderator look again?").fill(
        "The link was to a free leaflet."
    )
    writer.get_by_role("button", name="Send appeal").click()
    expect(writer.get_by_text("Waiting for a moderator")).to_be_visible()
    assert_accessible(writer)

    # The moderator who hid it cannot decide the appeal.
    moderator.goto(f"{page.base_url}/moderation/queue/")
    moderator.get_by_role("link", name="Review item 1").click()
    moderator.get_by_role("link", name="Open the appeal to decide it").click()
    expect(moderator.get_by_text("a different moderator must decide")).to_be_visible()
    expect(moderator.get_by_role("button", name="Decide")).to_have_count(0)

    # A different moderator decides: overturned, and the author is told.
    second = _as(page, "mod.two@example.com", size)
    second.get_by_role("link", name="Review 1 item waiting in the review queue").click()
    second.get_by_role("link", name="Review item 1").click()
    second.get_by_role("link", name="Open the appeal to decide it").click()
    assert_accessible(second)
    second.get_by_label("Overturned: the decision is reversed").check()
    second.get_by_label("Reason").fill("A public leaflet, not advertising.")
    second.get_by_role("button", name="Decide").click()
    expect(second.get_by_text("Decided. The member has been told.")).to_be_visible()
    assert Appeal.objects.get().outcome == "overturned"
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert Notification.objects.filter(recipient=author, kind=Kind.APPEAL_DECIDED).exists()
    writer.reload()
    expect(writer.get_by_text("Decision: Overturned")).to_be_visible()

    # The moderation log, on this screen size, shows who did what and why.
    second.goto(f"{page.base_url}/moderation/log/")
    expect(second.locator(".moderation-log")).to_contain_text("Advertising is not allowed")
    assert_accessible(second)


CRISIS = "I want to kill myself tonight. I have saved up my pills."


@pytest.mark.parametrize("size", SIZES)
def test_a_crisis_post_is_first_in_the_moderators_queue(page, size):
    page.set_viewport_size(SIZES[size])
    thread = make_thread(title="Sleeping badly on the new tablets")
    earlier = reply(thread, body="Has anyone tried a different time of day?")
    make_report(earlier, reason=ReportReason.AT_RISK)  # older, and a report that someone is at risk
    writer = make_user(email="night@example.com", handle="night_writer")
    make_moderator(email="mod.one@example.com", handle="mod_one")

    log_in(page, writer.email)
    page.goto(page.base_url + thread.get_absolute_url())
    page.get_by_label("Your reply").fill(CRISIS)
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("#crisis-resources")).to_be_visible()
    held = Post.objects.get(author=writer)
    assert held.is_held

    moderator = _as(page, "mod.one@example.com", size)
    moderator.get_by_role("link", name="Review 2 items waiting in the review queue").click()
    first = moderator.locator(".review-card").first
    expect(first).to_contain_text("Crisis hold")
    expect(first).to_contain_text("saved up my pills")  # moderators read it in the queue
    assert_accessible(moderator)
    moderator.get_by_role("link", name="Review item 1").click()
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Crisis hold")
    assert_accessible(moderator)
    moderator.get_by_role("button", name="Approve").click()
    expect(moderator.locator(".review-card")).to_have_count(1)
    assert not Post.objects.get(pk=held.pk).is_held
