"""Writing-time safety in a real browser, at phone and desktop width, with axe on each page:
a crisis post shows the crisis lines and waits for a moderator, unseen by other members."""

import pytest
from playwright.sync_api import expect

from forum.models import Post
from tests.conftest import make_moderator, make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.forum.conftest import make_thread

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}
CRISIS = "I want to kill myself tonight. I have saved up my pills."


def _fits(page) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("size", SIZES)
def test_a_crisis_reply_shows_help_and_waits_unseen(page, browser, live_server, size):
    page.set_viewport_size(SIZES[size])
    thread = make_thread(title="Sleeping badly on the new tablets")
    writer = make_user(handle="night_writer")
    log_in(page, writer.email)
    page.goto(page.base_url + thread.get_absolute_url())
    page.get_by_label("Your reply").fill(CRISIS)
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_load_state()

    post = Post.objects.get(author=writer)
    assert post.is_held and post.hold_reason == "crisis"
    panel = page.locator("#crisis-resources")
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link", name="988")).to_have_attribute("href", "tel:988")
    expect(page.locator(".messages")).to_contain_text("waiting for a moderator")
    # The panel comes before everything else on the page, the writer's post is still theirs.
    assert panel.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    expect(page.locator(f"#post-{post.pk}")).to_contain_text("saved up my pills")
    expect(page.locator(f"#post-{post.pk} .notice-held")).to_contain_text("Waiting for a moderator")
    _fits(page)
    assert_accessible(page)

    # Another member, in their own browser, sees neither the post nor the count.
    other = browser.new_context(viewport=SIZES[size]).new_page()
    other.base_url = live_server.url
    log_in(other, make_user().email)
    other.goto(other.base_url + thread.get_absolute_url())
    expect(other.locator("h1")).to_have_text("Sleeping badly on the new tablets")
    expect(other.locator("main")).not_to_contain_text("pills")
    expect(other.locator(".thread-flags")).to_contain_text("0 replies")
    assert other.locator("#crisis-resources").count() == 0
    response = other.goto(other.base_url + f"/forum/posts/{post.pk}/")
    assert response.status == 404
    other.context.close()


def test_a_moderator_approves_a_held_thread(page, browser, live_server):
    writer = make_user(handle="late_night")
    thread = make_thread(author=writer, title="Cannot go on", body=CRISIS)
    opening = Post.objects.get(thread=thread)
    assert opening.is_held
    log_in(page, make_moderator().email)
    page.goto(page.base_url + thread.get_absolute_url())
    expect(page.locator(f"#post-{opening.pk} .notice-held")).to_contain_text("Held for review")
    assert_accessible(page)
    page.locator(f"#post-{opening.pk}").get_by_role("link", name="Approve").click()
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".messages")).to_contain_text("Post approved")
    opening.refresh_from_db()
    assert not opening.is_held

    visitor = browser.new_context().new_page()
    response = visitor.goto(live_server.url + thread.get_absolute_url())
    assert response.status == 200
    expect(visitor.locator("main")).to_contain_text("saved up my pills")
    visitor.context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_phone_number_is_warned_before_it_goes_public(page, size):
    page.set_viewport_size(SIZES[size])
    thread = make_thread(title="Carers in the north")
    writer = make_user(handle="carer_north")
    log_in(page, writer.email)
    page.goto(page.base_url + thread.get_absolute_url())
    box = page.get_by_label("Your reply")
    box.fill("Happy to talk, ring me on 07700 900123 any evening.")
    # The live check, a moment after typing stops: the warning, nothing posted yet.
    warning = page.locator("#screening-thread #identifier-warning")
    expect(warning).to_contain_text("Phone number")
    expect(warning.locator("mark")).to_have_text("07700 900123")
    assert not Post.objects.filter(author=writer).exists()
    assert_accessible(page)

    # Posting asks again, with the text kept; "Edit my post" goes back to it.
    page.get_by_role("button", name="Post reply").click()
    page.wait_for_load_state()
    expect(page.locator("#identifier-warning")).to_contain_text("07700 900123")
    expect(page.get_by_label("Your reply")).to_have_value(
        "Happy to talk, ring me on 07700 900123 any evening."
    )
    assert not Post.objects.filter(author=writer).exists()
    _fits(page)
    assert_accessible(page)
    page.get_by_role("button", name="Post anyway").click()
    page.wait_for_load_state()
    post = Post.objects.get(author=writer)
    assert not post.is_held
    expect(page.locator(f"#post-{post.pk}")).to_contain_text("07700 900123")


def test_without_javascript_the_warning_comes_back_on_posting(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.base_url = live_server.url
    thread = make_thread(title="Quiet evenings")
    writer = make_user()
    log_in(page, writer.email)
    page.goto(page.base_url + thread.get_absolute_url())
    page.get_by_label("Your reply").fill("Email me: sam.jones@example.com")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("#identifier-warning")).to_contain_text("Email address")
    page.get_by_label("Your reply").fill("Happy to chat here in the thread.")
    page.get_by_role("button", name="Post reply").click()
    expect(page.locator("main")).to_contain_text("Happy to chat here in the thread.")
    assert Post.objects.get(author=writer).body == "Happy to chat here in the thread."
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_a_seventh_reply_in_ten_seconds_is_refused_and_kept(page, settings, size):
    from django.test import Client
    from django.urls import reverse

    settings.RATE_LIMITS = {"reply": [(6, 10, "user")]}  # the default rule for replies
    page.set_viewport_size(SIZES[size])
    thread = make_thread(title="Quick questions")
    writer = make_user(handle="fast_typer")
    # Six replies a moment ago, through the same site (the counters are in the shared cache).
    quick = Client()
    quick.force_login(writer)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    for n in range(6):
        token = quick.get(url).context["form"].initial["submission_token"]
        assert quick.post(url, {"body": f"Quick {n}", "submission_token": token}).status_code == 302
    log_in(page, writer.email)
    page.goto(page.base_url + thread.get_absolute_url())
    page.get_by_label("Your reply").fill("One more thought I do not want to lose.")
    with page.expect_response(lambda r: r.request.method == "POST" and "/reply/" in r.url) as sent:
        page.get_by_role("button", name="Post reply").click()
    assert sent.value.status == 429
    expect(page.locator(".errorlist.nonfield")).to_contain_text("several replies")
    expect(page.get_by_label("Your reply")).to_have_value("One more thought I do not want to lose.")
    assert Post.objects.filter(author=writer).count() == 6
    _fits(page)
    assert_accessible(page)
