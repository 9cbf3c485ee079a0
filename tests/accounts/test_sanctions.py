"""Warnings, suspensions and bans: what they change for the member, and what they leave open."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import sanctions
from accounts.models import BANNED_UNTIL, Sanction, SanctionKind, User
from accounts.permissions import can_apply_as_clinician, can_participate, is_restricted
from tests.accounts.test_export_and_deletion import log_in, reauthenticate
from tests.conftest import make_article, make_moderator, make_user
from tests.forum.conftest import make_category, make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return make_moderator()


def _fresh(user) -> User:
    """The user as the next request loads it."""
    return User.objects.get(pk=user.pk)


def _later(monkeypatch, delta: timedelta):
    """Move the clock forward for everything that asks django.utils.timezone.now()."""
    moved = timezone.now() + delta
    monkeypatch.setattr(timezone, "now", lambda: moved)


# The verbs and the denormalised row ---------------------------------------------------------


def test_suspending_restricts_until_the_end_and_then_it_ends_by_itself(moderator, monkeypatch):
    member = make_user()
    until = timezone.now() + timedelta(days=3)
    sanction = sanctions.suspend(member, moderator=moderator, reason="Spam links", until=until)
    assert (sanction.kind, sanction.ends_at, sanction.created_by) == (
        SanctionKind.SUSPENSION,
        until,
        moderator,
    )
    assert member.restricted_until == until  # the caller's object is kept in step
    member = _fresh(member)
    assert member.restricted_until == until
    assert is_restricted(member) and not can_participate(member)
    assert sanctions.active_restriction(member) == sanction

    _later(monkeypatch, timedelta(days=3, seconds=1))
    member = _fresh(member)
    assert not is_restricted(member) and can_participate(member)
    assert sanctions.active_restriction(member) is None


def test_a_ban_has_no_end_until_lifted(moderator, monkeypatch):
    member = make_user()
    sanction = sanctions.ban(member, moderator=moderator, reason="Selling pills")
    member = _fresh(member)
    assert member.restricted_until == BANNED_UNTIL and sanction.ends_at is None
    _later(monkeypatch, timedelta(days=3650))
    assert not can_participate(_fresh(member))

    sanctions.lift(sanction, moderator=make_moderator(), reason="Appeal upheld")
    member = _fresh(member)
    assert member.restricted_until is None and can_participate(member)
    sanction.refresh_from_db()
    assert sanction.lifted_at is not None and sanction.lift_reason == "Appeal upheld"


def test_lifting_one_of_two_restrictions_leaves_the_other_in_force(moderator):
    member = make_user()
    short = sanctions.suspend(
        member, moderator=moderator, reason="One", until=timezone.now() + timedelta(days=1)
    )
    long_end = timezone.now() + timedelta(days=7)
    long = sanctions.suspend(member, moderator=moderator, reason="Two", until=long_end)
    sanctions.lift(long, moderator=moderator, reason="Too harsh")
    member = _fresh(member)
    assert member.restricted_until == short.ends_at
    assert sanctions.active_restriction(member) == short


def test_the_active_restriction_is_the_ban_over_a_suspension(moderator):
    member = make_user()
    sanctions.suspend(
        member, moderator=moderator, reason="First", until=timezone.now() + timedelta(days=1)
    )
    banned = sanctions.ban(member, moderator=moderator, reason="Then worse")
    assert sanctions.active_restriction(_fresh(member)) == banned


def test_a_warning_does_not_restrict_and_shows_until_acknowledged(moderator):
    member = make_user()
    warning = sanctions.warn(member, moderator=moderator, reason="Please keep it civil")
    member = _fresh(member)
    assert can_participate(member) and not is_restricted(member)
    assert sanctions.pending_warning(member) == warning

    other = make_user()
    assert not sanctions.acknowledge_warning(member=other, sanction_id=warning.pk)
    assert sanctions.pending_warning(_fresh(member)) == warning

    assert sanctions.acknowledge_warning(member=member, sanction_id=warning.pk)
    assert sanctions.pending_warning(member) is None
    assert sanctions.pending_warning(_fresh(member)) is None
    warning.refresh_from_db()
    assert warning.acknowledged_at is not None
    assert not sanctions.acknowledge_warning(member=member, sanction_id=warning.pk)


def test_lifting_a_warning_stops_showing_it(moderator):
    member = make_user()
    warning = sanctions.warn(member, moderator=moderator, reason="Misread")
    sanctions.lift(warning, moderator=moderator, reason="It was someone else")
    assert sanctions.pending_warning(_fresh(member)) is None


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda m, mod: sanctions.warn(mod, moderator=mod, reason="x"), "own account"),
        (lambda m, mod: sanctions.ban(m, moderator=mod, reason="   "), "reason"),
        (
            lambda m, mod: sanctions.suspend(
                m, moderator=mod, reason="x", until=timezone.now() - timedelta(seconds=1)
            ),
            "future",
        ),
    ],
)
def test_sanctions_that_make_no_sense_are_refused_and_write_nothing(moderator, call, message):
    member = make_user()
    with pytest.raises(sanctions.SanctionError, match=message):
        call(member, moderator)
    assert not Sanction.objects.exists()
    assert _fresh(member).restricted_until is None


def test_a_sanction_is_lifted_once(moderator):
    sanction = sanctions.ban(make_user(), moderator=moderator, reason="Spam")
    sanctions.lift(sanction, moderator=moderator, reason="Mistake")
    with pytest.raises(sanctions.SanctionError, match="already"):
        sanctions.lift(sanction, moderator=moderator, reason="Again")
    with pytest.raises(sanctions.SanctionError, match="why"):
        sanctions.lift(sanctions.ban(make_user(), moderator=moderator, reason="x"),
                       moderator=moderator, reason="")  # fmt: skip


def test_knowing_a_member_is_not_restricted_costs_no_query(django_assert_num_queries):
    member = _fresh(make_user())
    with django_assert_num_queries(0):
        assert not is_restricted(member)
        assert sanctions.active_restriction(member) is None
        assert sanctions.pending_warning(member) is None


def test_a_restricted_member_cannot_apply_as_a_clinician(moderator):
    member = make_user()
    assert can_apply_as_clinician(member)
    sanctions.ban(member, moderator=moderator, reason="Spam")
    assert not can_apply_as_clinician(_fresh(member))


# Through the pages: what a suspended member can and cannot do --------------------------------


@pytest.fixture
def suspended(moderator):
    member = make_user()
    sanctions.suspend(
        member,
        moderator=moderator,
        reason="Repeated spam links",
        until=timezone.now() + timedelta(days=2),
    )
    return _fresh(member)


def _write_attempts(thread, post, article):
    token = str(uuid.uuid4())
    return {
        "reply": (
            reverse("forum:thread-reply", kwargs={"pk": thread.pk}),
            {"body": "Still here", "submission_token": token},
        ),
        "new_thread": (
            reverse("forum:thread-new"),
            {"category": thread.category_id, "title": "A new topic", "body": "Hello"},
        ),
        "react": (
            reverse("forum:post-react", kwargs={"pk": post.pk, "kind": "support"}),
            {},
        ),
        "ask": (
            reverse("articles:ask-doctor-ask", kwargs={"number": article.number}),
            {"body": "Does this apply to me?", "visibility": "private"},
        ),
    }


@pytest.mark.parametrize("action", ["reply", "new_thread", "react", "ask"])
@pytest.mark.parametrize("restricted", [True, False])
def test_a_suspended_member_cannot_write_and_is_told_why(client, suspended, action, restricted):
    member = suspended if restricted else make_user()
    thread = make_thread(category=make_category())
    article = make_article()
    url, data = _write_attempts(thread, thread.posts.first(), article)[action]
    client.force_login(member)
    response = client.post(url, data)
    if restricted:
        assert response.status_code == 403
        html = response.content.decode()
        assert "Your account is suspended until" in html
        assert "Repeated spam links" in html
        assert "still read everything" in html
        assert thread.posts.count() == 1
    else:
        assert response.status_code in {200, 302}, response.status_code


def test_a_suspended_member_can_still_read(client, suspended):
    thread = make_thread()
    client.force_login(suspended)
    assert client.get(thread.get_absolute_url()).status_code == 200
    assert client.get(reverse("forum:index")).status_code == 200
    assert client.get(reverse("accounts:settings")).status_code == 200


def test_a_suspended_member_can_export_their_data_and_delete_their_account(client, suspended):
    log_in(client, suspended)
    reauthenticate(client)
    export = client.post(reverse("accounts:export"))
    assert export.status_code == 200 and "attachment" in export["Content-Disposition"]
    response = client.post(reverse("accounts:delete"), {"confirm_handle": suspended.handle})
    assert response.status_code == 302
    assert _fresh(suspended).deleted_at is not None


def test_after_the_suspension_ends_the_member_posts_again(client, suspended, monkeypatch):
    thread = make_thread()
    client.force_login(suspended)
    _later(monkeypatch, timedelta(days=2, minutes=1))
    response = client.post(
        reverse("forum:thread-reply", kwargs={"pk": thread.pk}),
        {"body": "Back again", "submission_token": str(uuid.uuid4())},
    )
    assert response.status_code == 302
    assert thread.posts.filter(body="Back again").exists()
