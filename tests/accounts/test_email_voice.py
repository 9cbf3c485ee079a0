"""allauth's emails speak in the site's voice, from our templates, not the library's stock text."""

import pytest
from django.urls import reverse

from tests.accounts.test_signup import signup
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

STOCK_PHRASES = ("Hello from", "Thank you for using", "You're receiving this email because")


def assert_site_voice(message):
    for phrase in STOCK_PHRASES:
        assert phrase not in message.body
    assert "— Clinical Context" in message.body
    assert message.subject.startswith("[Clinical Context] ")


def test_the_signup_email_welcomes_the_member_by_handle_and_carries_the_link(client, mailoutbox):
    signup(client)
    (message,) = mailoutbox
    assert_site_voice(message)
    assert message.subject == "[Clinical Context] Welcome — please confirm your email address"
    assert message.body.startswith("Hello steady_reader,")
    assert "/accounts/confirm-email/" in message.body


def test_the_password_reset_email_is_ours(client, mailoutbox):
    make_user(email="forgetful@example.com")
    client.post(reverse("account_reset_password"), {"email": "forgetful@example.com"})
    (message,) = mailoutbox
    assert_site_voice(message)
    assert message.subject == "[Clinical Context] Reset your password"
    assert "/accounts/password/reset/key/" in message.body
