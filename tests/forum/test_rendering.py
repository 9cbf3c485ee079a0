"""The thread page from cooked post fragments: reused, never stale, and one CSRF token a page."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts.models import User
from forum import moderation, posting
from tests.conftest import make_moderator, make_user
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db


def _page(client, thread) -> str:
    response = client.get(thread.get_absolute_url())
    assert response.status_code == 200
    return response.text


def test_an_edit_shows_at_once_although_the_post_was_cooked_before(client, thread, member):
    post = reply(thread, author=member, body="First words")
    assert "First words" in _page(client, thread)
    posting.edit_post(editor=member, post=post, body="Second words", expected_version=1)
    page = _page(client, thread)
    assert "Second words" in page and "First words" not in page


def test_a_hidden_post_is_hidden_from_members_and_shown_to_moderators_with_the_reason(
    client, thread
):
    post = reply(thread, body="Something that breaks the rules")
    assert "breaks the rules" in _page(client, thread)
    moderator = make_moderator()
    moderation.hide_post(moderator=moderator, post=post, reason="Personal details")
    member_page = _page(client, thread)
    assert "Hidden by a moderator." in member_page and "breaks the rules" not in member_page
    client.force_login(moderator)
    moderator_page = _page(client, thread)
    assert "breaks the rules" in moderator_page and "Reason: Personal details" in moderator_page
    client.logout()
    assert "breaks the rules" not in _page(client, thread)  # the moderator's copy stays theirs


def test_a_renamed_or_deleted_author_shows_at_once(client, thread):
    author = make_user(handle="old_name")
    reply(thread, author=author)
    assert ">old_name</a>" in _page(client, thread)
    User.objects.filter(pk=author.pk).update(handle="new_name")
    assert ">new_name</a>" in _page(client, thread)
    User.objects.filter(pk=author.pk).update(deleted_at="2026-11-30T10:00:00Z")
    assert "deleted user" in _page(client, thread)


def test_a_page_of_many_posts_carries_the_csrf_token_a_fixed_number_of_times(client, member):
    few, many = make_thread(replies=2), make_thread(replies=60)
    client.force_login(member)
    few_page, many_page = _page(client, few), _page(client, many)
    counts = {few_page.count("csrfmiddlewaretoken"), many_page.count("csrfmiddlewaretoken")}
    assert len(counts) == 1  # logout, follow, the shared reactions form, the reply box
    assert many_page.count('form="post-reactions"') == 3 * 61  # three buttons on every post


def test_a_reaction_button_works_without_javascript_with_the_pages_one_token(thread):
    post = reply(thread)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_user())
    page = _page(browser, thread)
    token = re.search(
        r'<form id="post-reactions" method="post" hidden><input type="hidden" '
        r'name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    ).group(1)
    action = re.search(rf'formaction="([^"]*/posts/{post.pk}/react/helpful/)"', page).group(1)
    assert action == reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "helpful"})
    response = browser.post(action, {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.helpful_count == 1
    assert 'aria-pressed="true"' in _page(browser, thread)


def test_only_the_author_gets_edit_and_only_moderators_get_hide(client, thread, member):
    post = reply(thread, author=member)
    edit = reverse("forum:post-edit", kwargs={"pk": post.pk})
    hide = reverse("forum:post-hide", kwargs={"pk": post.pk})
    client.force_login(member)
    page = _page(client, thread)
    assert edit in page and hide not in page
    assert f'formaction="/forum/posts/{post.pk}/react/' not in page  # not on one's own post
    client.force_login(make_user())
    page = _page(client, thread)
    assert edit not in page and hide not in page
    assert f'formaction="/forum/posts/{post.pk}/react/' in page
    client.force_login(make_moderator())
    assert hide in _page(client, thread)


def test_a_member_page_is_bigger_than_a_visitors_only_by_the_buttons(client):
    small, big = make_thread(), make_thread()
    for n in range(30):
        reply(big, body=f"Reply number {n} with a few words in it.")
    buttons = re.compile(r'<button type="submit" form="post-reactions".*?</button>|<a href="[^"]*'
                         r'/reply/[^"]*" aria-label="[^"]*">(Reply|Quote)</a>')  # fmt: skip

    def member_extra(thread) -> int:
        client.logout()
        visitor = _page(client, thread)
        client.force_login(reader)
        return len(buttons.sub("", _page(client, thread))) - len(visitor)

    reader = make_user()
    per_post = (member_extra(big) - member_extra(small)) / 30
    assert per_post <= len('<p class="post-actions"> </p>')  # the line the links sit on
