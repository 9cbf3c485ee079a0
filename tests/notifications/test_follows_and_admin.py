"""Following by key, and the outbox in the admin."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from notifications import follows, outbox
from notifications.models import Follow, OutboundEmail, OutboundStatus
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def topic_target():
    follows.register_target(
        "testtopic",
        lambda pk: follows.FollowTarget(label="Sleep", url="/topics/sleep/") if pk == 7 else None,
    )


def test_a_member_follows_and_unfollows_a_registered_target(client):
    member = make_user()
    client.force_login(member)
    response = client.post(reverse("notifications:follow"), {"key": "testtopic:7"})
    assert response.status_code == 302 and response["Location"] == "/topics/sleep/"
    assert follows.follower_ids("testtopic:7") == [member.pk]
    client.post(reverse("notifications:follow"), {"key": "testtopic:7"})  # twice: still one
    assert Follow.objects.count() == 1
    client.post(reverse("notifications:follow"), {"key": "testtopic:7", "action": "unfollow"})
    assert follows.follower_ids("testtopic:7") == []


@pytest.mark.parametrize("key", ["testtopic:8", "nosuch:7", "testtopic:x", "", "a" * 500])
def test_following_something_that_does_not_exist_is_a_404(client, key):
    client.force_login(make_user())
    assert client.post(reverse("notifications:follow"), {"key": key}).status_code == 404
    assert not Follow.objects.exists()


def test_following_needs_a_login(client):
    response = client.post(reverse("notifications:follow"), {"key": "testtopic:7"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Follow.objects.exists()


def test_the_follow_redirect_stays_on_this_site(client):
    client.force_login(make_user())
    response = client.post(
        reverse("notifications:follow"), {"key": "testtopic:7", "next": "https://evil.example.com/"}
    )
    assert response["Location"] == "/topics/sleep/"


def test_follower_ids_counts_a_member_following_two_keys_once():
    member = make_user()
    follows.follow(user=member, key="testtopic:7")
    follows.follow(user=member, key="section:2")
    assert follows.follower_ids("testtopic:7", "section:2") == [member.pk]


def failed_email(relay):
    relay.down = True
    from django.core.mail import EmailMessage

    EmailMessage(subject="Stuck", body="b", to=["a@example.com"]).send()
    OutboundEmail.objects.update(status=OutboundStatus.FAILED)
    relay.down = False
    return OutboundEmail.objects.get()


def admin_user(*, can_resend):
    user = make_user(is_staff=True, mfa=True)
    user.user_permissions.add(Permission.objects.get(codename="view_outboundemail"))
    if can_resend:
        user.user_permissions.add(Permission.objects.get(codename="resend_outboundemail"))
    return user


def test_staff_see_failed_email_and_can_send_it_again(client, relay, sent_mail):
    email = failed_email(relay)
    client.force_login(admin_user(can_resend=True))
    page = client.get(reverse("admin:notifications_outboundemail_changelist") + "?attention=yes")
    assert page.status_code == 200 and "Stuck" in page.content.decode()
    response = client.post(
        reverse("admin:notifications_outboundemail_changelist"),
        {"action": "resend", "_selected_action": [email.pk]},
    )
    assert response.status_code == 302
    email.refresh_from_db()
    assert email.status == OutboundStatus.SENT
    assert [m.subject for m in sent_mail] == ["Stuck"]


def test_staff_without_the_resend_permission_cannot_resend(client, relay, sent_mail):
    email = failed_email(relay)
    client.force_login(admin_user(can_resend=False))
    page = client.get(reverse("admin:notifications_outboundemail_changelist"))
    assert page.status_code == 200 and 'value="resend"' not in page.content.decode()
    client.post(
        reverse("admin:notifications_outboundemail_changelist"),
        {"action": "resend", "_selected_action": [email.pk]},
    )
    email.refresh_from_db()
    assert email.status == OutboundStatus.FAILED
    assert not sent_mail


def test_resend_leaves_a_sent_email_alone(sent_mail):
    from django.core.mail import EmailMessage

    EmailMessage(subject="Once", body="b", to=["a@example.com"]).send()
    email = OutboundEmail.objects.get()
    assert outbox.resend(email_ids=[email.pk]) == 0
    assert len(sent_mail) == 1


@pytest.mark.parametrize("rows", [10, 1000])
def test_the_outbox_list_in_the_admin_costs_the_same_for_10_and_1000(
    client, rows, django_assert_num_queries
):
    OutboundEmail.objects.bulk_create(
        OutboundEmail(idempotency_key=f"k{n}", to=["a@example.com"], subject=f"S{n}",
                      status=OutboundStatus.FAILED)
        for n in range(rows)
    )  # fmt: skip
    client.force_login(make_user(is_staff=True, is_superuser=True, mfa=True))
    client.get(reverse("admin:notifications_outboundemail_changelist"))  # warm the session
    # user, MFA fact, filtered count, total count, the page of rows, the date range and days
    with django_assert_num_queries(7):
        response = client.get(
            reverse("admin:notifications_outboundemail_changelist") + "?attention=yes"
        )
    assert response.status_code == 200
