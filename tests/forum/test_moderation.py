"""Moderators' actions: each does what it says and is logged with who, what, why and when."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum import moderation
from forum.models import Category, ModerationAction, ModerationActionKind, Post, Thread
from tests.forum.conftest import make_category, make_thread, reply

pytestmark = pytest.mark.django_db


def test_pin_and_lock_are_logged(thread, moderator):
    moderation.set_pinned(moderator=moderator, thread=thread, pinned=True, reason="Useful")
    moderation.set_locked(moderator=moderator, thread=thread, locked=True, reason="Heated")
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked
    log = list(ModerationAction.objects.order_by("pk").values_list("action", "reason", "actor"))
    assert log == [("pin", "Useful", moderator.pk), ("lock", "Heated", moderator.pk)]


def test_moving_a_thread_moves_its_counts(moderator):
    source, target = make_category(), make_category()
    thread = make_thread(category=source)
    reply(thread)
    reply(thread)
    moderation.move_thread(moderator=moderator, thread=thread, category=target, reason="Topic")
    source.refresh_from_db()
    target.refresh_from_db()
    assert (source.thread_count, source.post_count) == (0, 0)
    assert (target.thread_count, target.post_count) == (1, 3)
    assert target.last_activity_at == Thread.objects.get(pk=thread.pk).last_activity_at
    entry = ModerationAction.objects.get()
    assert entry.action == ModerationActionKind.MOVE
    assert entry.details == {"from": source.pk, "to": target.pk}


def test_moving_to_the_same_category_is_refused(thread, moderator):
    with pytest.raises(moderation.ModerationError):
        moderation.move_thread(
            moderator=moderator, thread=thread, category=thread.category, reason="x"
        )
    assert not ModerationAction.objects.exists()


def test_hide_needs_a_reason_and_restore_brings_the_post_back(thread, moderator):
    post = reply(thread)
    with pytest.raises(moderation.ModerationError):
        moderation.hide_post(moderator=moderator, post=post, reason="  ")
    hidden = moderation.hide_post(moderator=moderator, post=post, reason="Phone number")
    assert hidden.is_hidden and hidden.hidden_by == moderator
    restored = moderation.restore_post(moderator=moderator, post=post, reason="Edited out")
    assert not restored.is_hidden
    log = ModerationAction.objects.order_by("pk")
    assert [(e.action, e.post_id, e.target_user_id) for e in log] == [
        ("hide", post.pk, post.author_id),
        ("restore", post.pk, post.author_id),
    ]


@pytest.mark.parametrize("service", ["set_pinned", "set_locked", "hide_post", "move_thread"])
def test_members_and_clinicians_cannot_moderate(thread, member, clinician, service):
    post = reply(thread)
    kwargs = {
        "set_pinned": {"thread": thread, "pinned": True},
        "set_locked": {"thread": thread, "locked": True},
        "hide_post": {"post": post, "reason": "x"},
        "move_thread": {"thread": thread, "category": make_category(), "reason": "x"},
    }[service]
    for user in (member, clinician):
        with pytest.raises(PermissionDenied):
            getattr(moderation, service)(moderator=user, **kwargs)
    assert not ModerationAction.objects.exists()


def test_a_moderator_locks_through_the_page_and_members_lose_the_reply_box(
    client, thread, moderator, member
):
    client.force_login(moderator)
    url = reverse("forum:thread-lock", kwargs={"pk": thread.pk})
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "Going in circles"})
    assert Thread.objects.get(pk=thread.pk).is_locked
    assert ModerationAction.objects.get().reason == "Going in circles"
    client.force_login(member)
    page = client.get(thread.get_absolute_url()).text
    assert "This thread is locked." in page and 'name="body"' not in page


def test_moderators_read_the_edit_history(client, thread, member, moderator):
    from forum import posting

    post = reply(thread, author=member, body="My first <wording>")
    posting.edit_post(editor=member, post=post, body="Second wording", expected_version=1)
    client.force_login(moderator)
    page = client.get(reverse("forum:post-history", kwargs={"pk": post.pk})).text
    assert "My first &lt;wording&gt;" in page and "Second wording" in page


def test_move_form_refuses_a_missing_reason(client, thread, moderator):
    target = make_category()
    client.force_login(moderator)
    url = reverse("forum:thread-move", kwargs={"pk": thread.pk})
    response = client.post(url, {"category": target.pk, "reason": ""})
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert Thread.objects.get(pk=thread.pk).category_id == thread.category_id
    client.post(url, {"category": target.pk, "reason": "Better fit"})
    assert Thread.objects.get(pk=thread.pk).category_id == target.pk
    assert (
        Category.objects.get(pk=target.pk).post_count == Post.objects.filter(thread=thread).count()
    )


def test_moderation_log_page_lists_actions(client, thread, moderator):
    moderation.set_pinned(moderator=moderator, thread=thread, pinned=True, reason="Welcome post")
    client.force_login(moderator)
    page = client.get(reverse("forum:moderation-log")).text
    assert "Pinned thread" in page and "Welcome post" in page and thread.title in page


def test_staff_set_up_categories_in_the_admin_and_cannot_edit_the_log(client, thread):
    from tests.conftest import make_user

    admin_user = make_user(is_staff=True, is_superuser=True, mfa=True)
    moderation.set_pinned(moderator=admin_user, thread=thread, pinned=True)
    client.force_login(admin_user)
    assert client.get(reverse("admin:forum_category_add")).status_code == 200
    entry = ModerationAction.objects.get()
    change = client.post(reverse("admin:forum_moderationaction_change", args=[entry.pk]), {})
    assert change.status_code == 403
    assert ModerationAction.objects.get().action == "pin"


def test_hidden_posts_leave_the_public_counts_and_come_back_on_restore(thread, moderator):
    post = reply(thread)
    reply(thread)
    counts = lambda: (  # noqa: E731
        Thread.objects.get(pk=thread.pk).reply_count,
        Category.objects.get(pk=thread.category_id).post_count,
    )
    assert counts() == (2, 3)
    moderation.hide_post(moderator=moderator, post=post, reason="Phone number")
    moderation.hide_post(moderator=moderator, post=post, reason="Clicked twice")
    assert counts() == (1, 2)
    moderation.restore_post(moderator=moderator, post=post, reason="Edited out")
    moderation.restore_post(moderator=moderator, post=post, reason="Clicked twice")
    assert counts() == (2, 3)


@pytest.mark.parametrize("rows", [10, 1000])
def test_moderation_log_reads_a_fixed_number_of_queries(client, thread, moderator, rows):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.conftest import make_user

    posts = [reply(thread, author=make_user()) for _ in range(12)]
    ModerationAction.objects.bulk_create(
        ModerationAction(
            actor=moderator,
            action=ModerationActionKind.HIDE,
            reason="Off topic",
            thread=thread,
            post=posts[n % len(posts)],
            target_user=posts[n % len(posts)].author,
        )
        for n in range(rows)
    )
    client.force_login(moderator)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("forum:moderation-log")).content.decode()
    assert "a post by" in html and "post " + str(posts[0].pk) not in html
    # Session, user, permissions, MFA fact, the page of actions and its count: not per row.
    assert len(queries) <= 10, [q["sql"][:80] for q in queries]
