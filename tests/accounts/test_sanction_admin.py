"""Sanctions in the admin: given and lifted through accounts.sanctions, never edited."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import sanctions
from accounts.models import Sanction, User
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = make_user(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(user)
    return user


def _add(client, **data):
    return client.post(reverse("admin:accounts_sanction_add"), data)


def test_a_suspension_added_in_the_admin_restricts_the_member(client, staff):
    member = make_user()
    until = timezone.now() + timedelta(days=1)
    response = _add(
        client,
        member=member.pk,
        kind="suspension",
        reason="Spam",
        ends_at_0=until.strftime("%Y-%m-%d"),
        ends_at_1=until.strftime("%H:%M:%S"),
    )
    assert response.status_code == 302, response.content.decode()
    sanction = Sanction.objects.get()
    assert sanction.created_by == staff
    assert User.objects.get(pk=member.pk).is_restricted


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "suspension"}, "ends_at"),
        ({"kind": "ban", "ends_at_0": "2030-01-01", "ends_at_1": "10:00:00"}, "ends_at"),
        ({"kind": "suspension", "ends_at_0": "2020-01-01", "ends_at_1": "10:00:00"}, "ends_at"),
        ({"kind": "warning", "reason": ""}, "reason"),
        ({"kind": "warning", "self": True}, "member"),
    ],
)
def test_bad_sanctions_are_refused_beside_the_field(client, staff, data, field):
    member = staff if data.pop("self", False) else make_user()
    response = _add(client, **{"member": member.pk, "reason": "Why", **data})
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    assert not Sanction.objects.exists()


def test_lifting_in_the_admin_needs_a_reason_and_frees_the_member(client, staff):
    member = make_user()
    ban = sanctions.ban(member, moderator=staff, reason="Spam")
    url = reverse("admin:accounts_sanction_change", args=[ban.pk])
    assert client.post(url, {"lift": "on", "lift_reason": ""}).status_code == 200
    assert User.objects.get(pk=member.pk).is_restricted
    assert client.post(url, {"lift": "on", "lift_reason": "Appeal upheld"}).status_code == 302
    assert not User.objects.get(pk=member.pk).is_restricted
    ban.refresh_from_db()
    assert ban.lifted_by == staff


def test_sanctions_cannot_be_deleted(client, staff):
    ban = sanctions.ban(make_user(), moderator=staff, reason="Spam")
    response = client.post(
        reverse("admin:accounts_sanction_delete", args=[ban.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Sanction.objects.filter(pk=ban.pk).exists()


def test_the_sanction_pages_render(client, staff):
    ban = sanctions.ban(make_user(), moderator=staff, reason="Spam")
    for url in (
        reverse("admin:accounts_sanction_changelist"),
        reverse("admin:accounts_sanction_add"),
        reverse("admin:accounts_sanction_change", args=[ban.pk]),
        reverse("admin:accounts_user_change", args=[ban.member_id]),
    ):
        assert client.get(url).status_code == 200, url
