"""Development email printed readably: links whole, no quoted-printable soft breaks."""

import io

from django.core.mail import EmailMultiAlternatives

from clinicalcontext.dev_email import ReadableConsoleBackend

LINK = (
    "http://127.0.0.1:8250/accounts/confirm-email/MQ:1vQxYz:abcdefghijklmnopqrstuvwxyz0123456789/"
)


def test_a_verification_link_prints_whole_beside_non_ascii_text():
    stream = io.StringIO()
    message = EmailMultiAlternatives(
        subject="Confirm your email — Clinical Context",
        body=f"Hello “quiet_heron”, please confirm your address by opening this link: {LINK}\n",
        from_email="Clinical Context <no-reply@clinicalcontext.example>",
        to=["patient@example.com"],
    )
    message.attach_alternative("<p>Hello</p>", "text/html")
    ReadableConsoleBackend(stream=stream).send_messages([message])
    out = stream.getvalue()
    assert LINK in out
    assert "=\n" not in out and "=E2=80" not in out
    assert "Subject: Confirm your email — Clinical Context" in out
    assert "To: patient@example.com" in out
    assert "[also sent as text/html]" in out


def test_development_relays_to_the_readable_console(monkeypatch):
    import importlib

    from clinicalcontext.settings import base

    monkeypatch.delenv("EMAIL_HOST", raising=False)
    reloaded = importlib.reload(base)
    assert reloaded.RELAY_MAILER["BACKEND"] == "clinicalcontext.dev_email.ReadableConsoleBackend"
    monkeypatch.setenv("EMAIL_HOST", "relay.example.com")
    reloaded = importlib.reload(base)
    assert reloaded.RELAY_MAILER["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    monkeypatch.delenv("EMAIL_HOST")
    importlib.reload(base)
