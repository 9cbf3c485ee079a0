"""Forum journeys in a real browser, with axe on each page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from forum.models import Post, Thread
from forum.posting import ensure_article_thread
from tests.conftest import PASSWORD, make_article, make_moderator, make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.forum.conftest import make_category, make_thread, reply

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _post(page, pk):
    return page.locator(f"#post-{pk}")


def test_visitor_signs_up_from_an_item_thread_and_replies_to_a_reply(page):
    article = make_article(title="Short walks and low mood", dek="A small trial in older adults.")
    thread = ensure_article_thread(article)
    first = reply(thread, author=make_user(handle="early_bird"), body="Is this worth trying?")
    answer = reply(thread, parent=first, author=make_user(handle="brisk_walker"),
                   body="It helped me a little.")  # fmt: skip
    # A visitor reads the item, sees the live count, and follows it to the discussion.
    page.goto(page.base_url + article.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Short walks and low mood")
    expect(page.locator(".join-grid")).to_contain_text("2 replies")
    page.get_by_role("link", name="Join the forum discussion").click()
    expect(page).to_have_url(re.compile(r"/forum/t/"))
    expect(
        page.get_by_role("complementary", name="The item this thread discusses")
    ).to_contain_text("A small trial in older adults.")
    assert_accessible(page)

    page.locator(".panel").get_by_role("link", name="sign up").click()
    page.get_by_label("Email").fill("newcomer@example.com")
    page.get_by_label("Handle").fill("gentle_newcomer")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(page.base_url + link[link.index("/accounts/") :])
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_load_state()

    page.goto(page.base_url + thread.get_absolute_url())
    _post(page, answer.pk).get_by_role("link", name="Reply to brisk_walker").click()
    assert_accessible(page)
    page.get_by_label("Your reply").fill("Thank you, I will try a short walk tomorrow.")
    page.get_by_role("button", name="Post reply").click()
    mine = Post.objects.get(author__handle="gentle_newcomer")
    assert mine.parent == answer
    expect(_post(page, mine.pk)).to_contain_text("I will try a short walk tomorrow")
    page.reload()
    nested = _post(page, answer.pk).locator(f".post-children #post-{mine.pk}")
    expect(nested).to_contain_text("I will try a short walk tomorrow")
    assert_accessible(page)


def test_a_moderator_locks_a_thread_and_the_reply_box_disappears_for_members(page, browser):
    thread = make_thread(title="A conversation that needs a pause")
    make_moderator(email="mod@example.com", handle="steady_mod")
    make_user(email="reader@example.com", handle="regular_reader")

    log_in(page, "reader@example.com")
    page.goto(page.base_url + thread.get_absolute_url())
    expect(page.get_by_label("Your reply")).to_be_visible()

    moderator_page = browser.new_page()
    moderator_page.base_url = page.base_url
    log_in(moderator_page, "mod@example.com")
    moderator_page.goto(page.base_url + thread.get_absolute_url())
    moderator_page.get_by_text("Moderator tools").click()
    moderator_page.get_by_role("link", name="Lock").click()
    assert_accessible(moderator_page)
    moderator_page.get_by_label("Reason (optional)").fill("Taking a breather")
    moderator_page.get_by_role("button", name="Lock").click()
    expect(moderator_page.locator("#locked-notice")).to_be_visible()
    moderator_page.close()

    page.reload()
    expect(page.locator("#locked-notice")).to_contain_text("This thread is locked.")
    expect(page.get_by_label("Your reply")).to_have_count(0)
    assert_accessible(page)


def test_member_previews_a_new_thread_with_htmx_and_posts_it(page):
    room = make_category(name="Living with it")
    make_user(email="writer@example.com", handle="careful_writer")
    log_in(page, "writer@example.com")
    page.goto(f"{page.base_url}/forum/new/?category={room.slug}")
    page.get_by_label("Title").fill("Keeping a symptom diary")
    page.get_by_label("Your post").fill("Does anyone use **paper** for this?")
    page.get_by_role("button", name="Preview").click()
    expect(page.locator(".post-preview strong")).to_have_text("paper")
    assert page.url.endswith(f"/forum/new/?category={room.slug}")  # htmx: no page load
    assert_accessible(page)
    page.get_by_role("button", name="Post thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Keeping a symptom diary")
    assert Thread.objects.get().posts.count() == 1


def test_member_reacts_with_htmx_and_the_count_updates(page):
    thread = make_thread()
    post = reply(thread, body="Sharing what helped me")
    make_user(email="kind@example.com", handle="kind_reader")
    log_in(page, "kind@example.com")
    page.goto(page.base_url + post.get_absolute_url())
    button = _post(page, post.pk).get_by_role("button", name="Support")
    button.click()
    expect(_post(page, post.pk).get_by_role("button", name="Support 1")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert_accessible(page)


def test_deep_replies_fit_a_phone_and_continue_on_their_own_page(page):
    thread = make_thread(title="A long back-and-forth")
    chain = [reply(thread, body="Starting point")]
    for depth in range(8):
        chain.append(reply(thread, parent=chain[-1], body=f"Answer at level {depth + 2}"))
    page.set_viewport_size({"width": 360, "height": 740})
    page.emulate_media(color_scheme="dark")
    page.goto(page.base_url + thread.get_absolute_url())
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.get_by_role("link", name="Continue this thread").click()
    expect(page.locator(f"#post-{chain[-1].pk}")).to_contain_text("Answer at level 9")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)


def test_member_reacts_without_javascript_and_the_thread_page_stays_accessible(
    browser, live_server
):
    """The reaction buttons post the page's one shared form (no token per post)."""
    thread = make_thread()
    posts = [reply(thread, body=f"Reply {n} about sleep and walking") for n in range(3)]
    make_user(email="no_js@example.com", handle="plain_reader")
    for width in (360, 1280):
        context = browser.new_context(
            java_script_enabled=False, viewport={"width": width, "height": 800}
        )
        page = context.new_page()
        page.base_url = live_server.url
        log_in(page, "no_js@example.com")
        page.goto(live_server.url + thread.get_absolute_url())
        assert page.locator("input[name=csrfmiddlewaretoken]").count() <= 4
        _post(page, posts[1].pk).get_by_role("button", name="Helpful").click()
        page.wait_for_load_state()
        button = _post(page, posts[1].pk).get_by_role("button", name="Helpful")
        expect(button).to_have_attribute("aria-pressed", "true" if width == 360 else "false")
        context.close()
    posts[1].refresh_from_db()
    assert posts[1].helpful_count == 0  # pressed at 360 px, pressed again (undone) at desktop


def test_thread_page_for_a_member_passes_axe_at_phone_width_and_desktop(page):
    thread = make_thread()
    for n in range(5):
        reply(thread, body=f"Reply {n}", author=make_user())
    make_user(email="reader@example.com", handle="steady_reader")
    log_in(page, "reader@example.com")
    for width in (360, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(page.base_url + thread.get_absolute_url())
        expect(page.locator(".post-node")).to_have_count(6)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
