"""The bell, the list, mark read, open, and the settings page."""

import pytest
from django.urls import reverse

from notifications import notify
from notifications.kinds import Frequency, Kind
from notifications.models import Notification, NotificationPreference
from tests.conftest import make_clinician, make_user

pytestmark = pytest.mark.django_db


def make_notifications(member, count, **fields):
    return Notification.objects.bulk_create(
        Notification(
            recipient=member,
            kind=fields.get("kind", Kind.REPLY_TO_POST),
            url=f"/forum/t/{n}-x/#post-{n}",
            title=f"New reply number {n}",
        )
        for n in range(count)
    )


def test_the_bell_shows_the_unread_count_to_members_only(client):
    member = make_user()
    make_notifications(member, 3)
    assert "Notifications" not in client.get("/").content.decode()
    client.force_login(member)
    html = client.get("/").content.decode()
    assert 'aria-label="Notifications, 3 unread"' in html
    assert reverse("notifications:list") in html


def test_the_bell_costs_one_query_and_none_once_cached(client, django_assert_num_queries):
    member = make_user()
    make_notifications(member, 2)
    client.force_login(member)
    client.get(reverse("accounts:settings"))  # warms the session, user and bell caches
    from notifications.unread import unread_count

    with django_assert_num_queries(0):
        assert unread_count(member.pk) == 2
    from django.core.cache import cache

    cache.delete(f"notifications:unread:{member.pk}")
    with django_assert_num_queries(1):
        assert unread_count(member.pk) == 2


def test_a_new_notification_and_reading_it_refresh_the_cached_count(client):
    member = make_user()
    client.force_login(member)
    assert "unread" not in client.get("/").content.decode()
    notification = notify(
        recipient=member, kind=Kind.MENTION, url="/forum/t/1-x/", title="You were mentioned"
    )
    assert 'aria-label="Notifications, 1 unread"' in client.get("/").content.decode()
    client.post(reverse("notifications:mark-read", args=[notification.pk]))
    assert "unread" not in client.get("/").content.decode()


@pytest.mark.parametrize("rows", [10, 1000])
def test_the_list_page_costs_the_same_for_10_and_1000(client, rows, django_assert_num_queries):
    member = make_user()
    make_notifications(member, rows)
    client.force_login(member)
    # user (the session is cached), count for the pager, roles (groups), the bell's count,
    # the page of rows with their actors
    with django_assert_num_queries(5):
        response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert response.content.decode().count('class="notification ') == min(rows, 30)


def test_the_list_is_only_my_own(client):
    member, other = make_user(), make_user()
    make_notifications(other, 1)
    client.force_login(member)
    assert "New reply number 0" not in client.get(reverse("notifications:list")).content.decode()


def test_the_list_needs_a_login(client):
    response = client.get(reverse("notifications:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_opening_a_notification_marks_it_read_and_goes_to_the_exact_place(client):
    member = make_user()
    [notification] = make_notifications(member, 1)
    client.force_login(member)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/forum/t/0-x/#post-0"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_nobody_opens_or_marks_someone_elses_notification(client):
    owner, other = make_user(), make_user()
    [notification] = make_notifications(owner, 1)
    client.force_login(other)
    assert client.get(reverse("notifications:open", args=[notification.pk])).status_code == 404
    mark = client.post(reverse("notifications:mark-read", args=[notification.pk]))
    assert mark.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_only_mine(client):
    member, other = make_user(), make_user()
    make_notifications(member, 4)
    make_notifications(other, 2)
    client.force_login(member)
    response = client.post(reverse("notifications:mark-all-read"))
    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=member, read_at=None).exists()
    assert Notification.objects.filter(recipient=other, read_at=None).count() == 2


def test_mark_read_refuses_get(client):
    member = make_user()
    client.force_login(member)
    assert client.get(reverse("notifications:mark-all-read")).status_code == 405


def settings_data(**overrides):
    data = {}
    for kind in Kind.values:
        data[f"{kind}-in_app"] = "on"
        data[f"{kind}-email"] = Frequency.IMMEDIATELY
    data.update(overrides)
    return data


def test_the_settings_page_saves_a_choice_per_kind(client):
    member = make_user()
    client.force_login(member)
    response = client.post(
        reverse("notifications:preferences"),
        settings_data(**{"thread_reply-email": Frequency.WEEKLY, "mention-in_app": ""}),
    )
    assert response.status_code == 302
    saved = {p.kind: p for p in NotificationPreference.objects.filter(user=member)}
    assert saved[Kind.THREAD_REPLY].email == Frequency.WEEKLY
    assert saved[Kind.MENTION].in_app is False
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert '<option value="weekly" selected>' in page


def test_a_bad_choice_is_named_beside_its_field_and_nothing_is_saved(client):
    member = make_user()
    client.force_login(member)
    response = client.post(
        reverse("notifications:preferences"),
        settings_data(**{"thread_reply-email": "hourly", "mention-email": Frequency.NEVER}),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not NotificationPreference.objects.filter(user=member).exists()


def test_the_queue_alert_is_offered_to_clinicians_only(client):
    client.force_login(make_user())
    assert (
        "New questions in the clinicians"
        not in client.get(reverse("notifications:preferences")).content.decode()
    )
    client.force_login(make_clinician())
    assert (
        "New questions in the clinicians"
        in client.get(reverse("notifications:preferences")).content.decode()
    )


def test_a_member_cannot_opt_into_the_queue_alert_by_posting_it(client):
    member = make_user()
    client.force_login(member)
    client.post(reverse("notifications:preferences"), settings_data())
    assert not NotificationPreference.objects.filter(user=member, kind=Kind.QUEUE_QUESTION).exists()
