"""Download my data; delete my account (posts stay as "deleted user", personal data goes)."""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts import signals
from accounts.deletion import PLACEHOLDER_DOMAIN, delete_account
from accounts.models import ClinicianProfile, User
from accounts.roles import CLINICIANS
from tests.conftest import PASSWORD, make_clinician, make_user

pytestmark = pytest.mark.django_db


def log_in(client, user) -> None:
    """Log in through allauth's form, so the session carries a fresh authentication."""
    response = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert response.status_code == 302
    if response.url == reverse("mfa_authenticate"):
        from clinicalcontext.management.commands.demo_totp import current_code
        from tests.conftest import TOTP_SECRET

        client.post(reverse("mfa_authenticate"), {"code": current_code(TOTP_SECRET)})
    assert client.session.get("_auth_user_id") == str(user.pk)


def reauthenticate(client) -> None:
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


# Export --------------------------------------------------------------------------------------


def test_export_needs_a_login(client):
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_export_asks_for_the_password_again_when_the_login_is_not_fresh(client, member):
    client.force_login(member)
    response = client.get(reverse("accounts:export"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))


def test_after_confirming_its_you_the_page_says_so_and_offers_the_download(client, member):
    log_in(client, member)
    reauthenticate(client)
    response = client.get(reverse("accounts:export"))
    html = response.content.decode()
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert "You confirmed it's you" in html
    assert '<button type="submit" class="button">Download my data</button>' in html


@pytest.fixture
def forum_export():
    def export(sender, *, user, **kwargs):
        return {"forum_posts": [{"body": "hello"}]}

    signals.export_requested.connect(export)
    yield
    signals.export_requested.disconnect(export)


def test_export_is_a_json_download_of_everything_but_secrets(client, forum_export):
    clinician = make_clinician(email="doc@example.com", handle="doc_export", about="Hi *there*")
    EmailAddress.objects.create(user=clinician, email="old@example.com", verified=False)
    log_in(client, clinician)
    reauthenticate(client)
    response = client.post(reverse("accounts:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["account"]["email"] == "doc@example.com"
    assert data["account"]["handle"] == "doc_export"
    assert data["account"]["about"] == "Hi *there*"
    assert data["account"]["groups"] == [CLINICIANS]
    assert {a["email"] for a in data["email_addresses"]} == {"doc@example.com", "old@example.com"}
    assert data["clinician_profile"]["licence_number"] == clinician.clinician_profile.licence_number
    assert data["two_factor"] == {"authenticator_app": True, "recovery_codes": False}
    assert data["forum_posts"] == [{"body": "hello"}]
    text = response.content.decode()
    assert "JBSWY3DP" not in text  # the TOTP secret
    assert clinician.password not in text
    assert "password" not in data["account"]


def test_export_of_a_member_without_extras(client, member):
    log_in(client, member)
    reauthenticate(client)
    data = json.loads(client.post(reverse("accounts:export")).content)
    assert data["clinician_profile"] is None
    assert data["two_factor"]["authenticator_app"] is False


# Deletion ------------------------------------------------------------------------------------


def test_deletion_needs_a_fresh_password(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:delete"), {"confirm_handle": member.handle})
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_reauthenticate"))
    member.refresh_from_db()
    assert member.deleted_at is None


def test_deletion_needs_the_handle_typed_exactly(client, member):
    log_in(client, member)
    reauthenticate(client)
    for typed in ("", "someone_else", member.handle.upper(), "a\x00b"):
        response = client.post(reverse("accounts:delete"), {"confirm_handle": typed})
        assert response.status_code == 200
        assert response.context["form"].errors["confirm_handle"]
    member.refresh_from_db()
    assert member.deleted_at is None


def test_deleting_removes_personal_data_and_logs_out_everywhere(client):
    clinician = make_clinician(
        email="Leaving@Example.com", handle="leaving_now", about="About me", first_name="Ana"
    )
    other_device = Client()
    other_device.force_login(clinician)
    log_in(client, clinician)
    reauthenticate(client)
    called_with = []

    def hear(sender, *, user, **kwargs):
        called_with.append(user)

    signals.account_deleted.connect(hear)
    try:
        response = client.post(reverse("accounts:delete"), {"confirm_handle": "leaving_now"})
    finally:
        signals.account_deleted.disconnect(hear)
    assert response.status_code == 302 and response.url == reverse("accounts:deleted")
    assert [user.pk for user in called_with] == [clinician.pk]
    confirmation = client.get(response.url).content.decode()
    assert "Your account was deleted" in confirmation and "leaving_now" not in confirmation

    user = User.objects.get(pk=clinician.pk)
    assert user.deleted_at is not None and not user.is_active
    assert user.email.endswith("@" + PLACEHOLDER_DOMAIN) and "leaving" not in user.email
    assert user.handle.startswith("deleted-")
    assert user.display_handle == "deleted user"
    assert (user.about, user.about_html, user.first_name) == ("", "", "")
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert not ClinicianProfile.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not Authenticator.objects.filter(user=user).exists()
    # This browser and every other one are logged out.
    assert "_auth_user_id" not in client.session
    assert not other_device.get(reverse("home")).wsgi_request.user.is_authenticated
    # The old password no longer logs in.
    again = Client().post(
        reverse("account_login"), {"login": "leaving@example.com", "password": PASSWORD}
    )
    assert again.status_code == 200


def test_the_email_can_sign_up_again_after_deletion(client, mailoutbox):
    delete_account(user=make_user(email="comeback@example.com", handle="first_life"))
    response = client.post(
        reverse("account_signup"),
        {
            "email": "Comeback@example.com",
            "handle": "second_life",
            "role": "patient",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert User.objects.get(email="comeback@example.com").handle == "second_life"


def test_two_deleted_accounts_never_collide():
    first = delete_account(user=make_user())
    second = delete_account(user=make_user())
    assert first.handle != second.handle and first.email != second.email
    assert first.handle_key != second.handle_key


def test_deleting_twice_changes_nothing():
    user = delete_account(user=make_user())
    again = delete_account(user=user)
    assert (again.handle, again.deleted_at) == (user.handle, user.deleted_at)


def test_a_failing_listener_rolls_the_whole_deletion_back(member):
    def broken(sender, **kwargs):
        raise RuntimeError("forum unavailable")

    signals.account_deleted.connect(broken)
    try:
        with pytest.raises(RuntimeError):
            delete_account(user=member)
    finally:
        signals.account_deleted.disconnect(broken)
    member.refresh_from_db()
    assert member.deleted_at is None and member.is_active


def test_no_session_rows_of_the_deleted_member_stay_usable(client, member):
    log_in(client, member)
    reauthenticate(client)
    client.post(reverse("accounts:delete"), {"confirm_handle": member.handle})
    for session in Session.objects.all():
        assert session.get_decoded().get("_auth_user_id") != str(member.pk)
