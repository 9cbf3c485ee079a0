"""notify() and notify_many(): who hears what, once, and what the email carries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications import notify, notify_many
from notifications.kinds import Frequency, Kind
from notifications.models import EmailState, Notification, NotificationPreference
from notifications.services import fan_out
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
REPLY = {
    "kind": Kind.REPLY_TO_POST,
    "url": "/forum/t/1-x/#post-9",
    "title": "New reply to your post",
}


def test_notify_stores_a_notification_and_emails_it_at_once_by_default(sent_mail):
    member, actor = make_user(), make_user()
    notification = notify(recipient=member, actor=actor, **REPLY)
    assert notification.recipient == member and notification.read_at is None
    notification.refresh_from_db()
    assert notification.email_state == EmailState.SENT
    [email] = sent_mail
    assert email.to == [member.email]
    assert "New reply to your post" in email.subject
    assert "http://127.0.0.1:8000/forum/t/1-x/#post-9" in email.body
    assert email.alternatives[0].mimetype == "text/html"
    assert "/notifications/unsubscribe/" in email.extra_headers["List-Unsubscribe"]
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_the_same_dedupe_key_notifies_once(sent_mail):
    member = make_user()
    assert notify(recipient=member, dedupe_key="post:9", **REPLY) is not None
    assert notify(recipient=member, dedupe_key="post:9", **REPLY) is None
    assert Notification.objects.count() == 1
    assert len(sent_mail) == 1


def test_nobody_is_notified_of_their_own_action():
    member = make_user()
    assert notify(recipient=member, actor=member, **REPLY) is None
    assert not Notification.objects.exists()


def test_a_deleted_or_inactive_member_is_not_notified():
    gone = make_user(is_active=False)
    assert notify(recipient=gone, **REPLY) is None


def test_a_kind_turned_off_in_app_is_not_stored_or_emailed(sent_mail):
    member = make_user()
    NotificationPreference.objects.create(
        user=member, kind=Kind.REPLY_TO_POST, in_app=False, email=Frequency.IMMEDIATELY
    )
    assert notify(recipient=member, **REPLY) is None
    assert not sent_mail


def test_never_means_in_the_list_but_no_email(sent_mail):
    member = make_user()
    NotificationPreference.objects.create(
        user=member, kind=Kind.REPLY_TO_POST, in_app=True, email=Frequency.NEVER
    )
    notification = notify(recipient=member, **REPLY)
    assert notification.email_state == EmailState.NONE
    assert not sent_mail


def test_a_digest_kind_waits_for_the_digest(sent_mail):
    member = make_user()
    notification = notify(
        recipient=member, kind=Kind.FOLLOWED_ITEM, url="/articles/1-x/", title="New item in Sleep"
    )
    assert notification.email_state == EmailState.PENDING
    assert not sent_mail


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": "gossip"},
        {"url": "https://evil.example.com/"},
        {"url": "//evil.example.com/"},
        {"url": "relative/path"},
        {"title": "  "},
        {"title": "x" * 201},
    ],
)
def test_notify_refuses_a_bad_kind_link_or_title(bad):
    with pytest.raises(ValueError):
        notify(recipient=make_user(), **(REPLY | bad))
    assert not Notification.objects.exists()


def test_the_email_carries_only_the_title_and_the_link(sent_mail):
    notify(recipient=make_user(handle="quiet_reader"), **REPLY)
    body = sent_mail[0].body
    lines = [line for line in body.splitlines() if line.strip()]
    assert lines[0] == "Hello quiet_reader,"
    assert lines[1] == "New reply to your post"
    assert "Stop email about" in body


def followers(count):
    return [make_user().pk for _ in range(count)]


def test_notify_many_queues_one_task_and_writes_nothing_in_the_request(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    ids = followers(5)
    with CaptureQueriesContext(connection) as queries:
        notify_many(recipient_ids=ids, **REPLY | {"kind": Kind.THREAD_REPLY})
    assert len(queries) == 1  # the task row, nothing else
    assert DBTaskResult.objects.count() == 1
    assert not Notification.objects.exists()


@pytest.mark.parametrize("count", [10, 1000])
def test_the_callers_cost_of_notify_many_does_not_grow_with_followers(
    settings, count, django_assert_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ids = list(range(1, count + 1))
    with django_assert_num_queries(1):
        notify_many(recipient_ids=ids, **REPLY | {"kind": Kind.THREAD_REPLY})


DUMMY_TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.mark.parametrize("count", [10, 1000])
def test_fan_out_to_many_followers_is_bulk_writes_in_a_fixed_number_of_queries(
    settings, count, django_assert_num_queries
):
    ids = followers(count)
    NotificationPreference.objects.bulk_create(
        NotificationPreference(user_id=pk, kind=Kind.THREAD_REPLY, email=Frequency.IMMEDIATELY)
        for pk in ids[::2]
    )
    settings.TASKS = DUMMY_TASKS  # the email task is queued, not run: this counts the fan-out
    batches = -(-count // 500)
    # per batch of 500: users, preferences, one bulk INSERT in a savepoint (3); the email task
    # is queued by the Dummy backend without a query
    with django_assert_num_queries(5 * batches):
        created = fan_out.call(
            recipient_ids=ids, kind=Kind.THREAD_REPLY, url="/forum/t/1-x/", title="New reply"
        )
    assert len(created) == count
    assert Notification.objects.filter(kind=Kind.THREAD_REPLY).count() == count


@pytest.mark.parametrize("count", [10, 1000])
def test_emailing_many_notifications_stores_them_in_the_outbox_in_bulk(
    settings, count, django_assert_num_queries
):
    from notifications.emails import email_notifications
    from notifications.models import OutboundEmail

    ids = followers(count)
    created = Notification.objects.bulk_create(
        Notification(recipient_id=pk, kind=Kind.THREAD_REPLY, url="/f/", title="New reply",
                     email_state=EmailState.PENDING)
        for pk in ids
    )  # fmt: skip
    settings.TASKS = DUMMY_TASKS
    # notifications + recipients, a savepoint around the rest (2), known keys, one INSERT per
    # 500 in a savepoint, new ids, email state; the delivery task is queued (Dummy: no query)
    with django_assert_num_queries(8 + -(-count // 500)):
        email_notifications.call([n.pk for n in created])
    assert OutboundEmail.objects.count() == count
    assert not Notification.objects.filter(email_state=EmailState.PENDING).exists()


def test_fan_out_skips_the_actor_the_inactive_and_those_already_notified():
    actor = make_user()
    inactive = make_user(is_active=False)
    already = make_user()
    fresh = make_user()
    notify(recipient=already, dedupe_key="thread:4:post:8", **REPLY)
    created = fan_out.call(
        recipient_ids=[actor.pk, inactive.pk, already.pk, fresh.pk],
        actor_id=actor.pk,
        dedupe_key="thread:4:post:8",
        **REPLY,
    )
    recipients = Notification.objects.filter(pk__in=created).values_list("recipient", flat=True)
    assert list(recipients) == [fresh.pk]


def test_opt_in_kinds_reach_only_those_who_opted_in():
    opted_in, other = make_user(), make_user()
    NotificationPreference.objects.create(
        user=opted_in, kind=Kind.QUEUE_QUESTION, in_app=True, email=Frequency.NEVER
    )
    fan_out.call(
        recipient_ids=[opted_in.pk, other.pk],
        kind=Kind.QUEUE_QUESTION,
        url="/articles/ask/queue/",
        title="A new question is waiting in the queue",
    )
    assert list(Notification.objects.values_list("recipient", flat=True)) == [opted_in.pk]


def test_opted_in_user_ids_lists_only_those_who_turned_an_opt_in_kind_on():
    from notifications.preferences import opted_in_user_ids

    yes, no, default = make_user(), make_user(), make_user()
    NotificationPreference.objects.create(user=yes, kind=Kind.QUEUE_QUESTION, in_app=True)
    NotificationPreference.objects.create(user=no, kind=Kind.QUEUE_QUESTION, in_app=False)
    assert opted_in_user_ids(kind=Kind.QUEUE_QUESTION) == [yes.pk]
    assert default.pk not in opted_in_user_ids(kind=Kind.QUEUE_QUESTION)
    with pytest.raises(ValueError):
        opted_in_user_ids(kind=Kind.MENTION)
