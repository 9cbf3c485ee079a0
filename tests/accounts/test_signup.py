import re

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import Role, User
from accounts.permissions import can_participate
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


def signup(client, *, remote_addr="127.0.0.1", **overrides):
    data = {
        "email": "new.member@example.com",
        "handle": "steady_reader",
        "role": Role.CAREGIVER,
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post(reverse("account_signup"), data, REMOTE_ADDR=remote_addr)


def test_signup_creates_an_unverified_member_and_emails_a_link(client, mailoutbox):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.com")
    assert (user.handle, user.role) == ("steady_reader", Role.CAREGIVER)
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    assert not can_participate(user)


def test_the_emailed_link_verifies_the_address_and_lets_the_member_take_part(client, mailoutbox):
    signup(client)
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    user = User.objects.get(email="new.member@example.com")
    assert EmailAddress.objects.get(user=user).verified
    assert can_participate(user)


def test_an_unverified_member_cannot_log_in(client, mailoutbox):
    make_user(email="pending@example.com", verified=False)
    response = client.post(
        reverse("account_login"), {"login": "pending@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1  # a fresh verification link


def test_the_signup_page_labels_every_field(client):
    html = client.get(reverse("account_signup")).content.decode()
    for field_id in ("id_email", "id_handle", "id_password1", "id_password2"):
        assert f'for="{field_id}"' in html
    assert "I am here as a" in html


@pytest.mark.parametrize(
    ("handle", "message"),
    [
        ("   ", "cannot be blank"),
        ("bad\x00handle", "Null characters are not allowed"),
        ("bad\x1bhandle", "control characters"),
        ("x" * 31, "at most 30 characters"),
        ("admin", "reserved"),
        ("<b>hi</b>", "letters, digits, dots"),
    ],
)
def test_a_bad_handle_is_refused_beside_the_field_and_nothing_is_written(client, handle, message):
    response = signup(client, handle=handle)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["handle"])
    assert 'id="id_handle_error"' in response.content.decode()
    assert not User.objects.filter(email="new.member@example.com").exists()
    # What was typed elsewhere is kept.
    assert 'value="new.member@example.com"' in response.content.decode()


def test_a_look_alike_of_an_existing_handle_is_refused(client):
    make_user(handle="quiet_heron")
    response = signup(client, handle="Quiet_Her0n")
    assert "looks just like it" in " ".join(response.context["form"].errors["handle"])
    assert not User.objects.filter(email="new.member@example.com").exists()


def test_an_unknown_role_is_refused(client):
    response = signup(client, role="clinician")
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(email="new.member@example.com").exists()


@pytest.mark.parametrize("email", ["taken@example.com", "TAKEN@example.com", "Taken@Example.COM"])
def test_a_duplicate_email_in_any_case_is_refused_beside_the_field(client, mailoutbox, email):
    existing = make_user(email="taken@example.com")
    response = signup(client, email=email, handle="another_one")
    assert response.status_code == 200
    assert "already uses this email" in " ".join(response.context["form"].errors["email"])
    assert list(User.objects.values_list("pk", flat=True)) == [existing.pk]
    assert mailoutbox == []


def test_password_reset_does_not_reveal_whether_an_address_has_an_account(client, mailoutbox):
    make_user(email="known@example.com")
    known = client.post(reverse("account_reset_password"), {"email": "known@example.com"})
    unknown = client.post(reverse("account_reset_password"), {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert [message.to for message in mailoutbox] == [["known@example.com"], ["nobody@example.com"]]


@pytest.mark.parametrize(
    "email", ["not-an-email", "a\x00b@example.com", "a b@example.com", "a" * 250 + "@x.com"]
)
def test_a_malformed_email_is_refused_beside_the_field(client, email):
    response = signup(client, email=email)
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert User.objects.count() == 0


def test_mismatched_or_weak_passwords_are_refused(client):
    response = signup(client, password1="password", password2="password")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.count() == 0


def test_a_member_created_outside_signup_with_capitals_can_still_log_in(client):
    user = User.objects.create_superuser(
        email="Site.Keeper@Example.com", handle="keeper", password=PASSWORD
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=True)
    assert user.email == "site.keeper@example.com"
    response = client.post(
        reverse("account_login"), {"login": "SITE.keeper@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


# Bots and floods ------------------------------------------------------------------------------


def test_a_bot_that_fills_the_honeypot_gets_no_account_and_no_email(client, mailoutbox):
    from accounts.antispam import HONEYPOT_FIELD, HONEYPOT_MESSAGE

    page = client.get(reverse("account_signup")).content.decode()
    assert f'name="{HONEYPOT_FIELD}"' in page and 'tabindex="-1"' in page
    response = signup(client, **{HONEYPOT_FIELD: "https://cheap-pills.example"})
    assert response.status_code == 200
    assert HONEYPOT_MESSAGE in response.content.decode()
    assert not User.objects.exists() and not mailoutbox


def test_signups_from_one_address_are_limited_with_a_clear_message_and_the_fields_kept(
    client, settings
):
    settings.RATE_LIMITS = {"signup": [(2, 3600, "ip")]}
    for n in range(2):
        assert signup(client, email=f"one{n}@example.com", handle=f"first_{n}").status_code == 302
        client.logout()
    response = signup(client, email="three@example.com", handle="third_try")
    html = response.content.decode()
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "created several accounts from this address" in html
    assert 'value="three@example.com"' in html and 'value="third_try"' in html
    assert not User.objects.filter(email="three@example.com").exists()
    # Another address is not affected.
    other = signup(client, email="four@example.com", handle="fourth", remote_addr="198.51.100.9")
    assert other.status_code == 302


def test_a_signup_form_with_mistakes_does_not_use_up_the_limit(client, settings):
    settings.RATE_LIMITS = {"signup": [(1, 3600, "ip")]}
    for _ in range(3):
        assert signup(client, password2="different-password-9").status_code == 200
    assert signup(client).status_code == 302
