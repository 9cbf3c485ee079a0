"""allauth's flows, in our layout: login, logout, password reset, change email, TOTP setup."""

import re
import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def log_in(client, user):
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.parametrize(
    "name",
    [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_email_verification_sent",
    ],
)
def test_entrance_pages_use_the_site_layout_and_label_every_input(client, name):
    html = client.get(reverse(name)).content.decode()
    assert '<main id="main"' in html and "css/accounts.css" in html
    for input_id in re.findall(r'<input[^>]*type="(?:text|email|password)"[^>]*id="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id


def test_login_logout(client, member):
    log_in(client, member)
    assert client.get(reverse("home")).context["user"] == member
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_refused_with_a_message(client, member):
    response = client.post(reverse("account_login"), {"login": member.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()


def test_password_reset_emails_a_working_link(client, mailoutbox):
    member = make_user(email="forgetful@example.com")
    response = client.post(reverse("account_reset_password"), {"email": "Forgetful@example.com"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    path = re.search(r"testserver(/accounts/password/reset/key/\S+)", mailoutbox[0].body).group(1)
    form_page = client.get(path, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    new = "a-brand-new-password-9"
    response = client.post(action, {"password1": new, "password2": new})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(new)


def test_changing_email_needs_the_password_again(client, member):
    client.force_login(member)  # not a fresh login
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new.address@example.com"}
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="new.address@example.com").exists()


def test_changing_email_after_reauthentication_sends_a_verification(client, member, mailoutbox):
    log_in(client, member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "new.address@example.com"}
    )
    assert response.status_code == 302
    address = EmailAddress.objects.get(email="new.address@example.com")
    assert address.user == member and not address.verified
    assert any("new.address@example.com" in m.to for m in mailoutbox)


def test_the_email_page_refuses_a_malformed_address_beside_the_field(client, member):
    log_in(client, member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(reverse("account_email"), {"action_add": "", "email": "x\x00@y.com"})
    assert response.status_code == 200
    assert 'id="id_email_error"' in response.content.decode()


def test_totp_setup_turns_mfa_on_and_offers_recovery_codes(client, member):
    log_in(client, member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'for="id_code"' in html and 'for="authenticator_secret"' in html
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=member).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


def test_the_two_factor_step_has_a_real_label(client):
    user = make_user(mfa=True)
    response = log_in(client, user)
    assert response.url == reverse("mfa_authenticate")
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert '<label for="id_code">Authentication code</label>' in html
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    assert 'id="id_code_error"' in wrong.content.decode()
    assert 'aria-invalid="true"' in wrong.content.decode()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("account_login", {"login": "a\x00@example.com", "password": "x"}),
        ("account_login", {"login": "a@example.com", "password": "x\x00y"}),
        ("account_login", {"login": "a" * 5000 + "@example.com", "password": "x"}),
        ("account_reset_password", {"email": "a\x00@example.com"}),
        ("account_signup", {"email": "a@example.com", "handle": "ok_name", "password1": "\x00"}),
        ("account_reauthenticate", {"password": "\x00"}),
        ("account_email", {"action_add": "", "email": "\x00"}),
        ("account_change_password", {"oldpassword": "\x00", "password1": "a", "password2": "a"}),
        ("accounts:profile-edit", {"handle": "\x00", "role": "\x00", "about": "\x00"}),
        ("accounts:clinician-apply", {"full_name": "\x00", "licence_number": "\x00"}),
        ("accounts:delete", {"confirm_handle": "\x00"}),
    ],
)
def test_nul_bytes_anywhere_never_cause_a_server_error(client, member, name, data):
    log_in(client, member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    if name in {"account_login", "account_reset_password", "account_signup"}:
        client.post(reverse("account_logout"))
    response = client.post(reverse(name), data)
    assert response.status_code < 500
    member.refresh_from_db()
    assert member.deleted_at is None
