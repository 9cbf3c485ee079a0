"""The Django admin: allauth's login in front, staff only, and never without MFA."""

import pytest
from django.urls import reverse

from accounts.models import User
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_sent_to_allauths_login(client):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    login = client.get(response.url)
    assert login.status_code == 302
    assert login.url.startswith(reverse("account_login"))
    assert "next=" in login.url


def test_the_password_only_admin_form_is_never_offered(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))
    # Posting credentials to it logs nobody in either.
    staff = make_user(is_staff=True, mfa=True)
    client.post(reverse("admin:login"), {"username": staff.email, "password": "x"})
    assert "_auth_user_id" not in client.session


def test_staff_with_mfa_reach_the_admin(client):
    staff = make_user(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(staff)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:login")).url == reverse("admin:index")


def test_staff_without_mfa_are_sent_to_set_it_up_with_a_reason(client):
    staff = make_user(is_staff=True, is_superuser=True, mfa=False)
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    response = client.get(reverse("admin:index"), follow=True)
    # allauth asks for the password again before any MFA change; the MFA pages are outside
    # the admin, so there is no loop.
    assert [url for url, _ in response.redirect_chain] == [
        reverse("admin:login") + "?next=/admin/",
        reverse("mfa_activate_totp"),
        reverse("account_reauthenticate") + "?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F",
    ]
    assert response.status_code == 200
    assert "needs two-factor authentication" in response.content.decode()


def test_members_who_are_not_staff_are_refused(client, member):
    client.force_login(member)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403


def test_staff_with_mfa_but_deactivated_cannot_use_the_admin(client):
    staff = make_user(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(staff)
    staff.is_active = False
    staff.save()
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert not response.wsgi_request.user.is_authenticated


def test_an_off_site_next_is_ignored(client):
    staff = make_user(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(staff)
    response = client.get(reverse("admin:login") + "?next=https://evil.example.com/")
    assert response.url == reverse("admin:index")


def test_staff_cannot_give_a_member_a_look_alike_handle_in_the_admin(client):
    staff = make_user(is_staff=True, is_superuser=True, mfa=True)
    make_user(handle="quiet_heron")
    target = make_user(handle="someone_else")
    client.force_login(staff)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {
        "email": target.email,
        "handle": "Qu1et_Heron",
        "role": "patient",
        "about": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "looks just like it" in response.content.decode()
    target.refresh_from_db()
    assert target.handle == "someone_else"


def test_staff_add_a_member_in_the_admin(client):
    staff = make_user(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(staff)
    response = client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "Added@Example.com",
            "handle": "added_by_staff",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(handle="added_by_staff").email == "added@example.com"
