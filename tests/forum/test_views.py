"""Forum pages as a reader and a member meets them."""

import uuid

import pytest
from django.urls import reverse

from forum.models import ITEM_DISCUSSIONS_SLUG, Post, Thread
from forum.tree import PER_PAGE, READABLE_DEPTH
from tests.conftest import make_article, make_user
from tests.forum.conftest import make_category, make_thread, reply

pytestmark = pytest.mark.django_db


def test_index_lists_categories_with_counts(client, thread):
    reply(thread)
    response = client.get(reverse("forum:index"))
    page = response.content.decode()
    assert thread.category.name in page and "1 thread" in page and "2 posts" in page


def test_category_lists_pinned_threads_first_then_by_last_activity(client, category):
    old = make_thread(category=category, title="An older conversation")
    pinned = make_thread(category=category, title="Read this first please")
    fresh = make_thread(category=category, title="The newest conversation")
    Thread.objects.filter(pk=pinned.pk).update(is_pinned=True)
    reply(old)  # now the most recently active unpinned thread
    response = client.get(category.get_absolute_url())
    titles = [t.title for t in response.context["threads"]]
    assert titles == [pinned.title, old.title, fresh.title]
    assert "1 reply" in response.content.decode()


def test_category_marks_threads_answered_by_a_clinician(client, thread, clinician):
    reply(thread, author=clinician)
    assert "Answered by a clinician" in client.get(thread.category.get_absolute_url()).text


def test_thread_page_nests_replies_and_shows_clinician_badge(client, thread, clinician):
    first = reply(thread, body="Top level words")
    answer = reply(thread, parent=first, author=clinician, body="Clinician words")
    response = client.get(thread.get_absolute_url())
    nodes = response.context["nodes"]
    assert [n.post.pk for n in nodes] == [thread.posts.get(path="000000").pk, first.pk]
    assert nodes[1].children[0].post.pk == answer.pk
    assert "Verified clinician" in response.text


def test_a_stale_slug_redirects_permanently(client, thread):
    url = reverse("forum:thread", kwargs={"pk": thread.pk, "slug": "old-title"})
    response = client.get(url)
    assert response.status_code == 301 and response["Location"] == thread.get_absolute_url()


@pytest.mark.parametrize("page", ["0", "99", "x", "1e3", "١", "9" * 5000, "-1", ""])
def test_a_page_that_does_not_exist_is_404(client, thread, page):
    assert client.get(thread.get_absolute_url(), {"page": page}).status_code == 404


def test_a_permalink_opens_the_right_page_and_scrolls_to_the_post(client, thread):
    replies = [reply(thread) for _ in range(PER_PAGE + 2)]
    target = replies[PER_PAGE + 1]
    response = client.get(target.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == f"{thread.get_absolute_url()}?page=2#post-{target.pk}"
    page = client.get(f"{thread.get_absolute_url()}?page=2")
    assert f'id="post-{target.pk}"' in page.text
    assert f'id="post-{replies[0].pk}"' not in page.text


def test_deep_replies_continue_on_their_own_page(client, thread):
    chain = [reply(thread)]
    for _ in range(READABLE_DEPTH + 2):
        chain.append(reply(thread, parent=chain[-1]))
    page = client.get(thread.get_absolute_url()).text
    anchor = chain[READABLE_DEPTH - 1]  # the last level the thread page shows
    assert f'id="post-{anchor.pk}"' in page and f'id="post-{chain[READABLE_DEPTH].pk}"' not in page
    assert reverse("forum:continue", kwargs={"pk": anchor.pk}) in page
    deepest = chain[-1]
    location = client.get(deepest.get_absolute_url())["Location"]
    assert location == f"{reverse('forum:continue', kwargs={'pk': anchor.pk})}#post-{deepest.pk}"
    continued = client.get(reverse("forum:continue", kwargs={"pk": anchor.pk})).text
    assert f'id="post-{deepest.pk}"' in continued and "Back up the thread" in continued


def test_item_thread_opens_from_the_item_number_with_the_item_card(client):
    article = make_article(title="Walking and low mood", dek="A trial in older adults.")
    response = client.get(reverse("forum:article-thread", kwargs={"number": article.number}))
    thread = Thread.objects.get(article=article)
    assert response["Location"] == thread.get_absolute_url()
    page = client.get(thread.get_absolute_url()).text
    assert "A trial in older adults." in page and article.get_absolute_url() in page
    assert thread.category.slug == ITEM_DISCUSSIONS_SLUG


def test_an_unpublished_items_thread_url_is_404(client):
    from articles.models import ArticleStatus

    draft = make_article(status=ArticleStatus.DRAFT)
    url = reverse("forum:article-thread", kwargs={"number": draft.number})
    assert client.get(url).status_code == 404
    assert not Thread.objects.exists()


def _form(client, url):
    return client.get(url).context["form"]


def test_member_replies_to_a_reply_and_lands_on_it(client, thread, member):
    first = reply(thread)
    client.force_login(member)
    url = reverse("forum:post-reply", kwargs={"pk": first.pk})
    token = _form(client, url).initial["submission_token"]
    response = client.post(url, {"body": "Same for me.", "submission_token": token})
    post = Post.objects.get(body="Same for me.")
    assert post.parent == first
    assert response["Location"] == f"{thread.get_absolute_url()}#post-{post.pk}"


def test_a_double_submitted_reply_form_posts_once(client, thread, member):
    client.force_login(member)
    data = {"body": "Only once please", "submission_token": str(uuid.uuid4())}
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    first = client.post(url, data)
    second = client.post(url, data)
    assert first["Location"] == second["Location"]
    assert Post.objects.filter(body="Only once please").count() == 1


def test_preview_shows_the_rendered_post_and_saves_nothing(client, thread, member):
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    data = {"body": "**bold** <script>x</script>", "submission_token": str(uuid.uuid4())}
    response = client.post(url, {**data, "preview": "1"})
    assert "<strong>bold</strong>" in response.text and "<script>x" not in response.text
    assert 'name="body"' in response.text and "**bold**" in response.text  # kept in the box
    assert Post.objects.filter(thread=thread).count() == 1


def test_htmx_preview_returns_only_the_fragment(client, member):
    client.force_login(member)
    response = client.post(
        reverse("forum:preview"), {"body": "*hi*"}, headers={"HX-Request": "true"}
    )
    assert "<em>hi</em>" in response.text and "<html" not in response.text
    empty = client.post(reverse("forum:preview"), {"body": "   "})
    assert "errorlist" in empty.text


def test_quote_prefills_the_reply_with_the_quoted_text(client, thread, member):
    quoted = reply(thread, body="Line one\nLine two")
    client.force_login(member)
    url = reverse("forum:post-reply", kwargs={"pk": quoted.pk})
    body = _form(client, url + "?quote=1").initial["body"]
    assert f"**{quoted.author.handle}** wrote:" in body and "> Line one\n> Line two" in body


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "This field is required."),
        ("   \n\t ", "This field is required."),
        ("hi\x00there", "null character"),
        ("bell\x07", "control character"),
        ("x" * 20_001, "Keep it under 20,000 characters"),
    ],
)
def test_bad_bodies_get_a_message_beside_the_field_and_save_nothing(client, thread, member, body,
                                                                   message):  # fmt: skip
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"body": body, "submission_token": str(uuid.uuid4())})
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["body"])
    assert Post.objects.filter(thread=thread).count() == 1


@pytest.mark.parametrize(
    ("title", "ok"),
    [
        ("  Sleep   after\tthe   new dose  ", True),
        ("Hi", False),
        ("\u200b\u200b\u200bHey\u200b", False),
        ("x" * 151, False),
        ("Two\nlines here", True),
        ("Evil \u202etitle here", False),
        ("Null\x00title", False),
    ],
)
def test_titles_are_one_line_and_five_to_150_visible_characters(client, category, member, title,
                                                                ok):  # fmt: skip
    client.force_login(member)
    data = {
        "category": category.pk,
        "title": title,
        "body": "What helped you?",
        "submission_token": str(uuid.uuid4()),
    }
    response = client.post(reverse("forum:thread-new"), data)
    if ok:
        thread = Thread.objects.get()
        assert response.status_code == 302 and "  " not in thread.title and "\n" not in thread.title
    else:
        assert response.status_code == 200 and "title" in response.context["form"].errors
        assert not Thread.objects.exists()


def test_collapsed_title_is_stored(client, category, member):
    client.force_login(member)
    client.post(
        reverse("forum:thread-new"),
        {"category": category.pk, "title": "  Sleep   after\tthe   new dose ", "body": "Hi",
         "submission_token": str(uuid.uuid4())},
    )  # fmt: skip
    assert Thread.objects.get().title == "Sleep after the new dose"


def test_an_oversized_request_is_refused_with_400(client, thread, member):
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"body": "x" * (600 * 1024), "submission_token": str(uuid.uuid4())})
    assert response.status_code == 400
    assert Post.objects.filter(thread=thread).count() == 1


def test_a_malformed_token_is_a_message_not_an_error(client, thread, member):
    client.force_login(member)
    url = reverse("forum:thread-reply", kwargs={"pk": thread.pk})
    response = client.post(url, {"body": "Hello", "submission_token": "not-a-uuid"})
    assert response.status_code == 200 and "errorlist" in response.text


def test_an_edit_conflict_shows_the_current_text_and_keeps_mine(client, thread, member):
    post = reply(thread, author=member, body="Version one")
    client.force_login(member)
    url = reverse("forum:post-edit", kwargs={"pk": post.pk})
    client.post(url, {"body": "Saved from the phone", "version": 1})
    response = client.post(url, {"body": "Typed on the laptop", "version": 1})
    assert response.status_code == 200
    assert "Saved from the phone" in response.text and "Typed on the laptop" in response.text
    assert "your version was not saved" in response.text
    assert Post.objects.get(pk=post.pk).body == "Saved from the phone"
    assert response.context["form"].data["version"] == 2


def test_edited_posts_show_an_edited_mark(client, thread, member):
    post = reply(thread, author=member, body="Typo hre")
    client.force_login(member)
    client.post(
        reverse("forum:post-edit", kwargs={"pk": post.pk}), {"body": "Typo here", "version": 1}
    )
    assert "· edited" in client.get(thread.get_absolute_url()).text


def test_a_removed_post_shows_as_removed_by_its_author_and_replies_stay(client, thread, member):
    post = reply(thread, author=member, body="Too personal, on reflection")
    answer = reply(thread, parent=post, body="Sending support")
    client.force_login(member)
    client.post(reverse("forum:post-remove", kwargs={"pk": post.pk}))
    page = client.get(thread.get_absolute_url()).text
    assert "Removed by its author." in page and "Too personal" not in page
    assert "Sending support" in page and f'id="post-{answer.pk}"' in page


def test_reacting_without_javascript_redirects_back_and_with_htmx_returns_the_buttons(
    client, thread, member
):
    post = reply(thread)
    client.force_login(member)
    url = reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "helpful"})
    assert client.post(url).status_code == 302
    response = client.post(
        reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "thanks"}),
        headers={"HX-Request": "true"},
    )
    assert 'aria-pressed="true"' in response.text and "<html" not in response.text
    post.refresh_from_db()
    assert (post.helpful_count, post.thanks_count) == (1, 1)
    bad = reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "love"})
    assert client.post(bad).status_code == 404


def test_unread_marks_and_jump_to_the_first_unread_post(client, thread, member):
    client.force_login(member)
    client.get(thread.get_absolute_url())  # visit
    listing = client.get(thread.category.get_absolute_url())
    assert not listing.context["threads"][0].has_unread()
    new = reply(thread, body="News since your visit")
    reply(thread)
    listing = client.get(thread.category.get_absolute_url())
    assert listing.context["threads"][0].has_unread()
    page = client.get(thread.get_absolute_url())
    assert "Jump to first unread" in page.text and page.context["has_unread"]
    new_nodes = [n for n in page.context["nodes"] if n.is_unread]
    assert new_nodes[0].post.pk == new.pk
    jump = client.get(reverse("forum:thread-unread", kwargs={"pk": thread.pk}))
    assert jump.status_code == 302  # everything is read after the page view above


def test_jump_to_unread_goes_to_the_first_new_post(client, thread, member):
    client.force_login(member)
    client.get(thread.get_absolute_url())
    new = reply(thread)
    reply(thread)
    jump = client.get(reverse("forum:thread-unread", kwargs={"pk": thread.pk}))
    assert jump["Location"].endswith(f"#post-{new.pk}")


def test_following_page_lists_followed_threads_and_categories(client, member):
    followed = make_thread(title="The thread I follow")
    room = make_category()
    in_room = make_thread(category=room, title="In a room I follow")
    make_thread(title="Not followed at all")
    client.force_login(member)
    client.post(reverse("forum:thread-follow", kwargs={"pk": followed.pk}), {"follow": "1"})
    client.post(reverse("forum:category-follow", kwargs={"slug": room.slug}), {"follow": "1"})
    titles = {t.title for t in client.get(reverse("forum:following")).context["threads"]}
    assert titles == {followed.title, in_room.title}


def test_new_thread_form_lists_only_rooms_the_member_may_post_in(client, member, lounge):
    room = make_category(name="Caregivers corner")
    client.force_login(member)
    choices = list(_form(client, reverse("forum:thread-new")).fields["category"].queryset)
    assert room in choices and lounge not in choices
    assert all(c.slug != ITEM_DISCUSSIONS_SLUG for c in choices)


def test_deleted_members_posts_stay_as_deleted_user(client, thread):
    author = make_user()
    reply(thread, author=author, body="Still useful to others")
    from django.utils import timezone

    type(author).objects.filter(pk=author.pk).update(deleted_at=timezone.now())
    page = client.get(thread.get_absolute_url()).text
    assert "Still useful to others" in page and "deleted user" in page


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("get", "category", {"page": "9" * 5000}),
        ("get", "category", {"page": "abc"}),
        ("post", "thread-new", {"category": "x" * 300, "title": ["a", "b"], "body": "\x00"}),
        ("post", "thread-new", {"category": "999999999999999999999", "title": "Valid title"}),
        ("post", "edit", {"body": "Hello", "version": "9" * 5000}),
        ("post", "edit", {"body": "Hello", "version": "-4"}),
        ("get", "reply", {"quote": "\x00"}),
        ("post", "react", {}),
    ],
)
def test_malformed_requests_never_cause_a_server_error(client, thread, member, method, path,
                                                       data):  # fmt: skip
    post = reply(thread, author=member)
    client.force_login(member)
    url = {
        "category": thread.category.get_absolute_url(),
        "thread-new": reverse("forum:thread-new"),
        "edit": reverse("forum:post-edit", kwargs={"pk": post.pk}),
        "reply": reverse("forum:post-reply", kwargs={"pk": post.pk}),
        "react": reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "x" * 200}),
    }[path]
    response = getattr(client, method)(url, data)
    assert response.status_code in {200, 302, 400, 403, 404}


@pytest.mark.parametrize("char", ["\u200b", "\u200f", "\u200e", "\u2066", "\u202e", "\u2060"])
def test_thread_titles_refuse_invisible_and_direction_marks(client, member, category, char):
    client.force_login(member)
    title = f"Sleep{char} after a new medication"
    response = client.post(
        reverse("forum:thread-new"),
        {
            "category": category.pk,
            "title": title,
            "body": "Anyone else?",
            "submission_token": uuid.uuid4(),
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["title"]
    assert not Thread.objects.filter(title__startswith="Sleep").exists()
