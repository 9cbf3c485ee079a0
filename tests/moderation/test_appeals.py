"""Every removal tells its author the reason and offers one appeal, decided by another moderator."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from forum.models import Post
from moderation import appeals
from moderation.models import Appeal, ItemKind, ReviewItem
from notifications.kinds import Kind
from notifications.models import Notification
from tests.conftest import make_user

from .conftest import hide

pytestmark = pytest.mark.django_db


@pytest.fixture
def removal(post, moderator):
    return hide(post, moderator)


def test_the_author_sees_the_reason_and_can_appeal_once(client, removal, post):
    client.force_login(post.author)
    mine = client.get(reverse("moderation:my-reports")).text
    assert "Advertising is not allowed here." in mine
    page = client.get(reverse("moderation:removal", args=[removal.pk]))
    assert "Advertising is not allowed here." in page.text and "Send appeal" in page.text
    response = client.post(
        reverse("moderation:removal", args=[removal.pk]), {"statement": "It was a joke."}
    )
    appeal = Appeal.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/appeals/{appeal.pk}/")
    assert ReviewItem.objects.open().get().kind == ItemKind.APPEAL
    again = client.post(reverse("moderation:removal", args=[removal.pk]), {"statement": "Please!"})
    assert again.status_code == 403
    assert Appeal.objects.count() == 1


def test_nobody_else_sees_a_removal_or_appeals_it(client, removal):
    client.force_login(make_user())
    assert client.get(reverse("moderation:removal", args=[removal.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        appeals.appeal(appellant=make_user(), action=removal, statement="Not mine.")


def test_an_empty_or_hostile_appeal_is_refused_beside_the_field(client, removal, post):
    client.force_login(post.author)
    url = reverse("moderation:removal", args=[removal.pk])
    response = client.post(url, {"statement": "Hear me\u2066out"})
    assert response.status_code == 200 and "text-direction control character" in response.text
    assert "Hear me" in response.text
    assert not Appeal.objects.exists()


def test_the_moderator_who_removed_cannot_decide_the_appeal(client, removal, post, moderator):
    appeal = appeals.appeal(appellant=post.author, action=removal, statement="Unfair.")
    client.force_login(moderator)
    page = client.get(reverse("moderation:appeal", args=[appeal.pk]))
    assert page.status_code == 200 and "a different moderator must decide" in page.text
    response = client.post(
        reverse("moderation:appeal", args=[appeal.pk]),
        {"outcome": "overturned", "reason": "I was right anyway."},
    )
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        appeals.decide(moderator=moderator, appeal=appeal, outcome="overturned", reason="x")
    assert not Appeal.objects.get().is_decided


def test_a_member_cannot_decide_an_appeal(client, removal, post):
    appeal = appeals.appeal(appellant=post.author, action=removal, statement="Unfair.")
    client.force_login(post.author)
    response = client.post(
        reverse("moderation:appeal", args=[appeal.pk]),
        {"outcome": "overturned", "reason": "I decide."},
    )
    assert response.status_code == 403
    assert not Appeal.objects.get().is_decided


def test_another_moderator_overturns_and_the_post_comes_back(
    client, removal, post, second_moderator
):
    appeal = appeals.appeal(appellant=post.author, action=removal, statement="It was a joke.")
    client.force_login(second_moderator)
    response = client.post(
        reverse("moderation:appeal", args=[appeal.pk]),
        {"outcome": "overturned", "reason": "A link to a public page, not advertising."},
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert (appeal.outcome, appeal.decided_by) == ("overturned", second_moderator)
    assert not Post.objects.get(pk=post.pk).is_hidden
    assert not ReviewItem.objects.open().exists()
    told = Notification.objects.get(kind=Kind.APPEAL_DECIDED)
    assert told.recipient == post.author
    client.force_login(post.author)
    page = client.get(told.url).text
    assert "Overturned" in page and "A link to a public page" in page


def test_two_moderators_deciding_at_once_decide_once(removal, post, second_moderator):
    from tests.conftest import make_moderator

    appeal = appeals.appeal(appellant=post.author, action=removal, statement="Unfair.")
    stale = Appeal.objects.select_related("action").get(pk=appeal.pk)
    appeals.decide(moderator=second_moderator, appeal=appeal, outcome="upheld", reason="Spam.")
    with pytest.raises(appeals.AlreadyHandled):
        appeals.decide(moderator=make_moderator(), appeal=stale, outcome="overturned", reason="No")
    assert Appeal.objects.get().outcome == "upheld"
    assert Post.objects.get(pk=post.pk).is_hidden
    assert Notification.objects.filter(kind=Kind.APPEAL_DECIDED).count() == 1


def test_the_author_finds_the_reason_from_their_hidden_post(client, removal, post):
    link = "Why it was hidden, and how to appeal"
    client.force_login(post.author)
    page = client.get(post.thread.get_absolute_url()).text
    assert link in page and 'href="/moderation/mine/"' in page
    client.force_login(make_user())
    assert link not in client.get(post.thread.get_absolute_url()).text
