"""One-click unsubscribe (RFC 8058, no login) and the daily and weekly digests."""

import re

import pytest
from django.core.management import call_command
from django.test import Client

from notifications import notify
from notifications.emails import send_digests, unsubscribe_token
from notifications.kinds import Frequency, Kind
from notifications.models import EmailState, Notification, NotificationPreference, OutboundEmail
from notifications.preferences import all_preferences
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def unsubscribe_path(email):
    header = email.extra_headers["List-Unsubscribe"]
    return re.search(r"<https?://[^/]+(/[^>]+)>", header).group(1)


def reply(member, n=1):
    return notify(
        recipient=member, kind=Kind.REPLY_TO_POST, url=f"/forum/t/{n}-x/", title="New reply"
    )


def test_a_mail_clients_one_click_post_unsubscribes_without_login_or_csrf(sent_mail):
    member = make_user()
    reply(member)
    path = unsubscribe_path(sent_mail[0])
    assert path in sent_mail[0].body  # the same link is in the text part
    client = Client(enforce_csrf_checks=True)
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert all_preferences(user_id=member.pk)[Kind.REPLY_TO_POST].email == Frequency.NEVER
    assert all_preferences(user_id=member.pk)[Kind.MENTION].email == Frequency.IMMEDIATELY
    reply(member, 2)
    assert len(sent_mail) == 1  # no more email of that kind
    assert Notification.objects.filter(recipient=member).count() == 2  # still in the list


def test_opening_the_link_asks_first_so_a_link_scanner_changes_nothing(client, sent_mail):
    member = make_user()
    reply(member)
    response = client.get(unsubscribe_path(sent_mail[0]))
    assert response.status_code == 200
    assert "Unsubscribe" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=member).exists()


def test_a_forged_or_altered_token_is_refused(client):
    member = make_user()
    good = unsubscribe_token(user_id=member.pk, scope=Kind.MENTION)
    assert client.post(f"/notifications/unsubscribe/{good}x/").status_code == 404
    assert client.post("/notifications/unsubscribe/not-a-token/").status_code == 404
    assert client.post(f"/notifications/unsubscribe/{'A' * 5000}/").status_code == 404
    assert not NotificationPreference.objects.filter(user=member).exists()


def test_unsubscribe_all_stops_every_kind(client):
    member = make_user()
    token = unsubscribe_token(user_id=member.pk, scope="all")
    client.post(f"/notifications/unsubscribe/{token}/")
    assert {p.email for p in all_preferences(user_id=member.pk).values()} == {Frequency.NEVER}


def prefer(member, kind, email):
    NotificationPreference.objects.update_or_create(
        user=member, kind=kind, defaults={"in_app": True, "email": email}
    )


def test_the_daily_digest_sends_one_summary_per_member_once(sent_mail):
    member, other = make_user(), make_user()
    prefer(member, Kind.REPLY_TO_POST, Frequency.DAILY)
    reply(member, 1)
    reply(member, 2)
    notify(recipient=member, kind=Kind.FOLLOWED_ITEM, url="/articles/3-x/", title="New item")
    reply(other, 4)  # immediate by default: sent already, not in any digest
    assert len(sent_mail) == 1
    assert send_digests(frequency=Frequency.DAILY) == 1
    digest = sent_mail[-1]
    assert digest.to == [member.email]
    assert "daily summary" in digest.subject
    assert digest.body.count("New reply") == 2
    assert "New item" not in digest.body  # that one waits for the weekly digest
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert send_digests(frequency=Frequency.DAILY) == 0
    assert len(sent_mail) == 2


def test_the_weekly_digest_lists_new_items_in_followed_topics(sent_mail):
    member = make_user()
    notify(
        recipient=member, kind=Kind.FOLLOWED_ITEM, url="/articles/3-x/", title="New item in Sleep"
    )
    call_command("send_digests", "--weekly")
    assert "New item in Sleep" in sent_mail[-1].body
    assert "weekly summary" in sent_mail[-1].subject
    assert not Notification.objects.filter(email_state=EmailState.PENDING).exists()


def test_unsubscribing_from_a_digest_stops_the_kinds_it_carried(client, sent_mail):
    member = make_user()
    prefer(member, Kind.REPLY_TO_POST, Frequency.DAILY)
    reply(member)
    send_digests(frequency=Frequency.DAILY)
    client.post(unsubscribe_path(sent_mail[-1]))
    preferences = all_preferences(user_id=member.pk)
    assert preferences[Kind.REPLY_TO_POST].email == Frequency.NEVER
    assert preferences[Kind.FOLLOWED_ITEM].email == Frequency.WEEKLY


def test_a_digest_rerun_after_a_crash_does_not_send_twice(sent_mail):
    member = make_user()
    prefer(member, Kind.REPLY_TO_POST, Frequency.DAILY)
    reply(member)
    send_digests(frequency=Frequency.DAILY)
    Notification.objects.update(email_state=EmailState.PENDING)  # as if the marking was lost
    send_digests(frequency=Frequency.DAILY)
    assert OutboundEmail.objects.filter(idempotency_key__startswith="digest:").count() == 1
    assert len(sent_mail) == 1


def test_a_kind_switched_to_never_is_dropped_from_the_digest(sent_mail):
    member = make_user()
    prefer(member, Kind.REPLY_TO_POST, Frequency.DAILY)
    reply(member)
    prefer(member, Kind.REPLY_TO_POST, Frequency.NEVER)
    assert send_digests(frequency=Frequency.DAILY) == 0
    assert Notification.objects.get().email_state == EmailState.NONE
