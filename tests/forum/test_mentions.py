"""@mentions in posts: a live member's handle is a link to their profile in the stored HTML;
anything else stays text. Rendered when the post is saved, so a page reads no member for it."""

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from forum import posting
from tests.conftest import make_user
from tests.forum.conftest import make_thread, reply

pytestmark = pytest.mark.django_db


def _link(member) -> str:
    return f'<a href="{member.get_absolute_url()}" class="mention"'


def test_a_reply_links_the_members_it_mentions_and_leaves_other_words():
    anna = make_user(handle="anna_k")
    thread = make_thread()
    post = reply(thread, body="Thanks @anna_k! Ask @nobody_at_all, or mail x@anna_k.org. `@anna_k`")
    assert _link(anna) in post.body_html and ">@anna_k</a>!" in post.body_html
    assert post.body_html.count('class="mention"') == 1  # not the unknown, the email, the code
    assert "@nobody_at_all" in post.body_html
    assert post.body.startswith("Thanks @anna_k!")  # the source is kept as written


def test_a_handle_matches_as_notifications_match_it_case_and_look_alikes_folded():
    anna = make_user(handle="Anna_K")
    post = reply(make_thread(), body="cc @anna_k and @ANNA_K")
    assert post.body_html.count(_link(anna)) == 2


def test_deleted_and_deactivated_members_are_not_linked():
    gone = make_user(handle="gone_member", deleted_at=timezone.now())
    banned = make_user(handle="banned_member", is_active=False)
    post = reply(make_thread(), body="@gone_member and @banned_member")
    assert 'class="mention"' not in post.body_html
    assert gone.handle in post.body_html and banned.handle in post.body_html


def test_the_opening_post_an_edit_and_the_preview_link_mentions_too(client):
    anna = make_user(handle="anna_k")
    thread = make_thread(body="Hello @anna_k")
    opening = thread.posts.get()
    assert _link(anna) in opening.body_html
    edited = posting.edit_post(
        editor=opening.author, post=opening, body="Bye @anna_k", expected_version=1
    )
    assert _link(anna) in edited.body_html and "Bye" in edited.body_html
    client.force_login(opening.author)
    data = {"body": "Preview @anna_k", "submission_token": str(uuid.uuid4()), "preview": "1"}
    response = client.post(reverse("forum:thread-reply", kwargs={"pk": thread.pk}), data)
    assert _link(anna) in response.text


def test_the_thread_page_shows_the_link_without_reading_members(client):
    anna = make_user(handle="anna_k")
    thread = make_thread(body="Hello @anna_k")
    page = client.get(thread.get_absolute_url()).text
    assert _link(anna) in page
    # The link goes where it says: the mentioned member's profile.
    profile = client.get(anna.get_absolute_url())
    assert profile.status_code == 200 and "anna_k" in profile.text
