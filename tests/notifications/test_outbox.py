"""The outbox: every email stored, delivered once, retried when the relay is down (issue 13)."""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, User
from notifications import outbox
from notifications.models import OutboundEmail, OutboundStatus
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def send(subject="Hello", key=None, to="reader@example.com"):
    headers = {outbox.IDEMPOTENCY_HEADER: key} if key else {}
    return EmailMessage(subject=subject, body="A plain note.", to=[to], headers=headers).send()


def later(minutes):
    return timezone.now() + timedelta(minutes=minutes)


def test_an_email_is_stored_then_delivered_once_by_the_task(sent_mail):
    send()
    email = OutboundEmail.objects.get()
    assert email.status == OutboundStatus.SENT
    assert email.attempts == 1
    assert [m.subject for m in sent_mail] == ["Hello"]
    assert sent_mail[0].extra_headers["Message-ID"] == outbox.message_id_for(email.idempotency_key)


def test_the_message_id_comes_from_the_idempotency_key():
    assert outbox.message_id_for("notification:7") == outbox.message_id_for("notification:7")
    assert outbox.message_id_for("notification:7") != outbox.message_id_for("notification:8")


def test_the_same_idempotency_key_twice_stores_and_sends_one_email(sent_mail):
    send(key="digest:daily:1:99")
    send(key="digest:daily:1:99")
    assert OutboundEmail.objects.count() == 1
    assert len(sent_mail) == 1
    assert outbox.IDEMPOTENCY_HEADER not in sent_mail[0].extra_headers  # not sent on the wire


def test_different_keys_are_different_emails(sent_mail):
    send(key="a")
    send(key="b")
    assert len(sent_mail) == 2


def test_two_deliveries_of_one_email_send_it_once(sent_mail, relay):
    relay.down = True
    send()
    email = OutboundEmail.objects.get()
    relay.down = False
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert [outbox.deliver(email.pk), outbox.deliver(email.pk)] == [True, False]
    assert len(sent_mail) == 1


def test_relay_down_keeps_the_email_and_retries_with_backoff(sent_mail, relay):
    relay.down = True
    send()
    email = OutboundEmail.objects.get()
    assert email.status == OutboundStatus.RETRYING
    assert email.attempts == 1
    assert "SMTPServerDisconnected" in email.last_error
    assert email.next_attempt_at > timezone.now() + timedelta(seconds=50)
    assert outbox.send_pending() == 0  # not due yet: nothing tried
    assert relay.attempts == 1

    assert outbox.send_pending(now=later(2)) == 0  # due, relay still down: second attempt
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundStatus.RETRYING, 2)
    assert email.next_attempt_at > timezone.now() + timedelta(minutes=1, seconds=50)

    relay.down = False
    assert outbox.send_pending(now=later(10)) == 1
    assert outbox.send_pending(now=later(20)) == 0
    email.refresh_from_db()
    assert email.status == OutboundStatus.SENT
    assert len(sent_mail) == 1


def test_the_backoff_doubles_and_stops_growing_at_six_hours():
    delays = [outbox.retry_delay(n) for n in range(1, 12)]
    assert delays[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert max(delays) == timedelta(hours=6)


def test_after_the_last_attempt_the_email_is_failed_not_lost(sent_mail, relay):
    relay.down = True
    send()
    for step in range(outbox.max_attempts()):
        outbox.send_pending(now=later(60 * 7 * (step + 1)))
    email = OutboundEmail.objects.get()
    assert email.status == OutboundStatus.FAILED
    assert email.attempts == outbox.max_attempts()
    assert outbox.send_pending(now=later(60 * 24 * 30)) == 0  # no more attempts by itself
    assert len(sent_mail) == 0


def test_a_worker_killed_mid_send_is_replaced_after_its_lease_and_sends_once(sent_mail, relay):
    relay.down = True  # keep it in the outbox while we stage a dead worker
    send()
    email = OutboundEmail.objects.get()
    relay.down = False
    OutboundEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
    assert outbox.claim(email.pk)  # the worker claims it ... and dies before the relay call

    assert outbox.send_pending() == 0  # its lease still runs: nobody else touches it
    assert outbox.deliver(email.pk) is False
    assert len(sent_mail) == 0

    assert outbox.send_pending(now=later(6)) == 1  # the lease ran out: picked up again
    assert outbox.send_pending(now=later(12)) == 0
    email.refresh_from_db()
    assert (email.status, email.attempts) == (OutboundStatus.SENT, 3)
    assert len(sent_mail) == 1


def test_an_email_written_in_a_rolled_back_transaction_is_not_sent_by_the_database_worker(
    settings, sent_mail
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    with pytest.raises(RuntimeError), transaction.atomic():
        send()
        assert OutboundEmail.objects.count() == 1
        assert DBTaskResult.objects.count() == 1  # the task row joins the same transaction
        raise RuntimeError("the request failed")
    assert OutboundEmail.objects.count() == 0
    assert DBTaskResult.objects.count() == 0
    assert len(sent_mail) == 0


def test_with_the_database_worker_a_failed_attempt_queues_a_deferred_retry(
    settings, sent_mail, relay
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    send()
    assert len(sent_mail) == 0  # the request only wrote rows
    email = OutboundEmail.objects.get()
    relay.down = True
    assert outbox.deliver(email.pk) is False
    retry = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert retry.args_kwargs["args"] == [[email.pk]]
    email.refresh_from_db()
    assert abs((retry.run_after - email.next_attempt_at).total_seconds()) < 1


def test_signup_verification_goes_through_the_outbox_and_survives_a_relay_outage(
    client, sent_mail, relay
):
    relay.down = True
    response = client.post(
        reverse("account_signup"),
        {
            "email": "new.member@example.com",
            "handle": "steady_reader",
            "role": Role.CAREGIVER,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302  # the request never waited for the relay
    assert User.objects.filter(email="new.member@example.com").exists()
    email = OutboundEmail.objects.get()
    assert email.to == ["new.member@example.com"]
    assert "/accounts/confirm-email/" in email.body
    assert email.status == OutboundStatus.RETRYING
    assert len(sent_mail) == 0

    relay.down = False
    assert outbox.send_pending(now=later(2)) == 1
    assert len(sent_mail) == 1
    assert "/accounts/confirm-email/" in sent_mail[0].body


def test_html_alternatives_and_attachments_survive_the_outbox(sent_mail):
    message = mail.EmailMultiAlternatives(subject="Parts", body="text", to=["a@example.com"])
    message.attach_alternative("<p>html</p>", "text/html")
    message.attach("note.bin", b"bytes \x00 kept", "application/octet-stream")
    message.send()
    sent = sent_mail[0]
    assert sent.alternatives[0].content == "<p>html</p>"
    assert sent.attachments[0].content == b"bytes \x00 kept"


def test_a_header_injection_is_refused_in_the_caller_not_stored():
    with pytest.raises(ValueError):
        EmailMessage(subject="Hi\nBcc: x@example.com", body="b", to=["a@example.com"]).send()
    assert OutboundEmail.objects.count() == 0


def test_the_log_line_for_a_failure_names_no_address_or_subject(sent_mail, relay, caplog):
    relay.down = True
    send(subject="Private subject line", to="secret.person@example.com")
    logged = " ".join(record.getMessage() for record in caplog.records)
    assert "attempt 1 failed" in logged
    assert "secret.person" not in logged and "Private subject" not in logged


def test_once_sent_the_content_is_dropped_and_the_admin_never_shows_a_body(client, sent_mail):
    from tests.conftest import make_user

    EmailMessage(subject="Reset", body="secret-reset-link", to=["a@example.com"]).send()
    email = OutboundEmail.objects.get()
    assert (email.body, email.alternatives) == ("", [])
    assert email.subject == "Reset" and email.to == ["a@example.com"]
    client.force_login(make_user(is_staff=True, is_superuser=True, mfa=True))
    page = client.get(reverse("admin:notifications_outboundemail_change", args=[email.pk]))
    assert page.status_code == 200 and "secret-reset-link" not in page.content.decode()


def test_an_unsent_email_body_is_not_shown_in_the_admin_either(client, relay):
    from tests.conftest import make_user

    relay.down = True
    EmailMessage(subject="Reset", body="secret-reset-link", to=["a@example.com"]).send()
    email = OutboundEmail.objects.get()
    client.force_login(make_user(is_staff=True, is_superuser=True, mfa=True))
    page = client.get(reverse("admin:notifications_outboundemail_change", args=[email.pk]))
    assert page.status_code == 200
    assert "Reset" in page.content.decode() and "secret-reset-link" not in page.content.decode()


def test_a_real_smtp_relay_that_refuses_connections_is_retried_later(settings, sent_mail):
    # A port the system just handed out and took back: nothing listens on it. (A fixed port
    # belongs to someone's servers on a shared machine: 8189 is a benchmark's floor.)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings.MAILERS = {
        "default": {"BACKEND": "notifications.outbox.OutboxBackend"},
        "relay": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 2},
        },
    }
    assert send() == 1  # the caller is told it was accepted: it is in the outbox
    email = OutboundEmail.objects.get()
    assert email.status == OutboundStatus.RETRYING
    assert "ConnectionRefusedError" in email.last_error
    assert email.body == "A plain note."  # kept until a relay takes it
