"""A member's export includes their notifications; deleting the account removes them."""

import pytest

from accounts.deletion import delete_account
from accounts.signals import export_sections
from notifications import follows, notify
from notifications.kinds import Kind
from notifications.models import Follow, Notification, OutboundEmail, OutboundStatus
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_export_lists_notifications_choices_and_follows():
    member = make_user()
    notify(recipient=member, kind=Kind.MENTION, url="/forum/t/1-x/", title="You were mentioned")
    follows.follow(user=member, key="topic:3")
    section = export_sections(member)["notifications"]
    assert section["follows"] == ["topic:3"]
    assert section["notifications"][0]["title"] == "You were mentioned"


def test_deleting_an_account_removes_its_notifications_and_unsent_email(relay):
    member, other = make_user(), make_user()
    relay.down = True
    notify(recipient=member, kind=Kind.MENTION, url="/forum/t/1-x/", title="You were mentioned")
    notify(recipient=other, kind=Kind.MENTION, url="/forum/t/1-x/", title="You were mentioned")
    follows.follow(user=member, key="topic:3")
    assert OutboundEmail.objects.filter(status=OutboundStatus.RETRYING).count() == 2
    delete_account(user=member)
    assert not Notification.objects.filter(recipient=member).exists()
    assert not Follow.objects.filter(user=member).exists()
    assert OutboundEmail.objects.count() == 1
    assert Notification.objects.filter(recipient=other).exists()
