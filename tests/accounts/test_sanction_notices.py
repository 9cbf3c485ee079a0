"""What a sanctioned member sees: the restriction banner on every page, the warning until they
acknowledge it, and their sanctions in their data export; nothing for anyone else."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import sanctions
from accounts.models import Sanction
from tests.accounts.test_export_and_deletion import log_in, reauthenticate
from tests.conftest import make_moderator, make_user
from tests.forum.conftest import make_thread

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return make_moderator()


def _pages(thread):
    return [reverse("home"), reverse("forum:index"), thread.get_absolute_url(),
            reverse("accounts:settings")]  # fmt: skip


def test_a_suspended_member_sees_why_on_every_page(client, moderator):
    member = make_user()
    until = timezone.now() + timedelta(days=2)
    sanctions.suspend(member, moderator=moderator, reason="Spam links in replies", until=until)
    thread = make_thread()
    client.force_login(member)
    for url in _pages(thread):
        html = client.get(url).content.decode()
        assert "Your account is suspended until" in html, url
        assert "Spam links in replies" in html
        assert "ends by itself" in html
        assert reverse("accounts:export") in html and reverse("accounts:delete") in html


def test_a_banned_member_sees_the_ban(client, moderator):
    member = make_user()
    sanctions.ban(member, moderator=moderator, reason="Selling medicines")
    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    assert "Your account is banned from posting." in html and "Selling medicines" in html
    assert "ends by itself" not in html


def test_nobody_else_sees_a_banner(client, moderator):
    sanctions.ban(make_user(), moderator=moderator, reason="Selling medicines")
    assert "banned" not in client.get(reverse("home")).content.decode()
    client.force_login(make_user())
    assert "banned" not in client.get(reverse("home")).content.decode()


def test_the_banner_goes_when_the_suspension_ends(client, moderator, monkeypatch):
    member = make_user()
    sanctions.suspend(
        member, moderator=moderator, reason="Cool off", until=timezone.now() + timedelta(hours=1)
    )
    client.force_login(member)
    moved = timezone.now() + timedelta(hours=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: moved)
    assert "suspended" not in client.get(reverse("home")).content.decode()


def test_a_warning_shows_until_acknowledged_and_then_goes_back_to_the_page(client, moderator):
    member = make_user()
    warning = sanctions.warn(member, moderator=moderator, reason="Please stay on topic")
    client.force_login(member)
    forum = reverse("forum:index")
    html = client.get(forum).content.decode()
    assert "A moderator has sent you a warning" in html and "Please stay on topic" in html
    acknowledge = reverse("accounts:acknowledge-warning", args=[warning.pk])
    assert acknowledge in html
    response = client.post(acknowledge, {"next": forum})
    assert response.status_code == 302 and response.url == forum
    html = client.get(forum).content.decode()
    assert "Please stay on topic" not in html
    assert "will not be shown again" in html
    assert Sanction.objects.get(pk=warning.pk).acknowledged_at is not None


def test_acknowledging_never_redirects_off_site_nor_touches_anothers_warning(client, moderator):
    member, other = make_user(), make_user()
    theirs = sanctions.warn(other, moderator=moderator, reason="Theirs")
    client.force_login(member)
    response = client.post(
        reverse("accounts:acknowledge-warning", args=[theirs.pk]),
        {"next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response.url == reverse("home")
    assert Sanction.objects.get(pk=theirs.pk).acknowledged_at is None
    assert client.get(reverse("accounts:acknowledge-warning", args=[theirs.pk])).status_code == 405


def test_acknowledging_needs_a_login(client, moderator):
    warning = sanctions.warn(make_user(), moderator=moderator, reason="x")
    response = client.post(reverse("accounts:acknowledge-warning", args=[warning.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_members_sanctions_are_in_their_export_without_the_moderators_name(client, moderator):
    member = make_user()
    sanctions.warn(member, moderator=moderator, reason="Be kind")
    ban = sanctions.ban(member, moderator=moderator, reason="Spam")
    sanctions.lift(ban, moderator=moderator, reason="Appeal upheld")
    log_in(client, member)
    reauthenticate(client)
    data = json.loads(client.post(reverse("accounts:export")).content)
    assert [(s["kind"], s["reason"]) for s in data["sanctions"]] == [
        ("warning", "Be kind"),
        ("ban", "Spam"),
    ]
    assert data["sanctions"][1]["lift_reason"] == "Appeal upheld"
    assert moderator.handle not in json.dumps(data["sanctions"])


def test_the_banner_costs_one_query_and_only_for_a_restricted_member(client, moderator):
    member = make_user()
    client.force_login(member)
    url = reverse("forum:index")
    client.get(url)
    with CaptureQueriesContext(connection) as plain:
        client.get(url)
    sanctions.ban(member, moderator=moderator, reason="Spam")
    with CaptureQueriesContext(connection) as banned:
        client.get(url)
    assert len(banned) == len(plain) + 1
