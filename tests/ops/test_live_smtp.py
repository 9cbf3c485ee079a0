"""The SMTP relay killed while members post and sign up, then brought back (marker `ops`).

Nothing may answer 500 and nothing may be lost: posts are saved, accounts are created, every
email waits in the outbox and is retried; when the relay is back each one arrives exactly once
(counted by Message-ID, which the outbox derives from the email's idempotency key).
"""

import collections
import uuid

import pytest

from .browser import Browser
from .test_live_topology import client_address, member, posts_with, reply
from .topology import APP_PORTS, NGINX_PORT, wait_for

pytestmark = pytest.mark.ops


def _signup(port: int, email: str, handle: str, *, address: str | None = None):
    browser = Browser(port)
    fields = {"email": email, "handle": handle, "role": "patient"}
    password = f"relay-down-{uuid.uuid4().hex[:12]}"
    return browser.post(
        "/accounts/signup/",
        {**fields, "password1": password, "password2": password},
        headers={"X-Real-IP": address or client_address()},
    )


def _emails_since(live, first_id: int):
    return live.sql(
        "SELECT id, status, attempts, headers->>'Message-ID', to_json(\"to\")::text "
        "FROM notifications_outboundemail WHERE id >= %s ORDER BY id",
        first_id,
    )


def _first_new_id(live) -> int:
    return live.sql("SELECT coalesce(max(id), 0) + 1 FROM notifications_outboundemail")[0][0]


def test_the_relay_down_while_members_post_and_sign_up_loses_and_doubles_nothing(live):
    first_id = _first_new_id(live)
    poster = member(live, 2)
    live.stop_smtp()
    marker = uuid.uuid4().hex[:8]
    try:
        replies = [f"Posted while the relay was down {marker} {n}" for n in range(4)]
        for n, body in enumerate(replies):  # straight to each server and through nginx
            response = reply(poster, live, body, port=(*APP_PORTS, NGINX_PORT)[n % 3])
            assert response.status == 302, response.text[:300]
        newcomers = [f"relay.{marker}.{n}@example.com" for n in range(4)]
        for n, email in enumerate(newcomers):
            response = _signup(APP_PORTS[n % 2], email, f"relay_{marker}_{n}")
            assert response.status == 302, response.text[:500]
            assert "confirm-email" in response.location
        assert all(posts_with(live, body) == 1 for body in replies)
        # The worker tried, the relay refused, and every email waits for another attempt.
        wait_for(
            lambda: any(
                status == "retrying" and attempts >= 1
                for _, status, attempts, *_ in _emails_since(live, first_id)
            ),
            timeout=30,
            what="a refused delivery to be scheduled for a retry",
        )
        waiting = _emails_since(live, first_id)
        addressed = " ".join(to for *_, to in waiting)
        assert all(email in addressed for email in newcomers)  # each verification is queued
        assert {status for _, status, *_ in waiting} <= {"pending", "retrying", "sending"}
        print(f"\nrelay down: {len(waiting)} emails waiting, none lost, no 500")
    finally:
        live.start_smtp()
    wait_for(
        lambda: all(status == "sent" for _, status, *_ in _emails_since(live, first_id)),
        timeout=60,
        interval=0.5,
        what="every waiting email to be delivered",
    )
    sent = _emails_since(live, first_id)
    arrived = collections.Counter(live.message_ids())
    print(
        f"relay back: {len(sent)} delivered after up to "
        f"{max(attempts for _, _, attempts, *_ in sent)} attempts"
    )
    assert all(arrived[message_id] == 1 for _, _, _, message_id, _ in sent)
    assert all(count == 1 for count in arrived.values()), "an email arrived twice"
