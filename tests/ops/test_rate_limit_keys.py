"""Login limits hold whatever the Host header says, and per client behind a trusted proxy."""

import pytest
from django.test import override_settings
from django.urls import reverse

from clinicalcontext.request_context import client_ip
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOCKED = "Too many failed login attempts"


def _login(client, email, password, **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLOWED_HOSTS=["*"])
def test_changing_the_host_header_does_not_reset_the_account_lock(client):
    member = make_user()
    for port in range(8001, 8006):
        _login(client, member.email, "wrong-guess-1", HTTP_HOST=f"127.0.0.1:{port}")
    for host in ("127.0.0.1:9999", "localhost", "other.example"):
        response = _login(client, member.email, PASSWORD, HTTP_HOST=host)
        assert LOCKED in response.content.decode()
        assert "_auth_user_id" not in client.session


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLOWED_HOSTS=["*"])
def test_the_right_password_still_works_below_the_limit(client):
    member = make_user()
    for port in range(8001, 8005):
        _login(client, member.email, "wrong-guess-1", HTTP_HOST=f"127.0.0.1:{port}")
    response = _login(client, member.email, PASSWORD, HTTP_HOST="localhost")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, ALLOWED_HOSTS=["*"])
def test_the_account_key_ignores_case_and_spaces(client):
    make_user(email="casey@example.com")
    spellings = [
        "Casey@Example.com",
        "CASEY@example.com",
        " casey@example.com",
        "casey@EXAMPLE.COM",
    ]
    for spelling in [*spellings, "casey@example.com"]:
        _login(client, spelling, "wrong-guess-1")
    assert LOCKED in _login(client, "casey@example.com", PASSWORD).content.decode()


PROXY = {"CLIENT_IP_HEADER": "X-Real-IP", "TRUSTED_PROXIES": ["10.0.0.2/32"]}


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, **PROXY)
def test_behind_the_proxy_each_client_has_its_own_address_limit(client):
    members = [make_user() for _ in range(11)]
    via_proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for member in members[:10]:
        _login(client, member.email, "wrong-guess-1", HTTP_X_REAL_IP="198.51.100.7", **via_proxy)
    blocked = _login(
        client, members[10].email, PASSWORD, HTTP_X_REAL_IP="198.51.100.7", **via_proxy
    )
    assert blocked.status_code == 429 or LOCKED in blocked.content.decode()
    other = _login(client, members[10].email, PASSWORD, HTTP_X_REAL_IP="203.0.113.5", **via_proxy)
    assert other.status_code == 302


@override_settings(ACCOUNT_RATE_LIMITS=LIMITS, **PROXY)
def test_a_client_cannot_escape_the_limit_by_sending_the_header_itself(client):
    members = [make_user() for _ in range(11)]
    direct = {"REMOTE_ADDR": "192.0.2.50"}  # not the proxy
    for n, member in enumerate(members[:10]):
        _login(client, member.email, "wrong-guess-1", HTTP_X_REAL_IP=f"203.0.113.{n}", **direct)
    response = _login(client, members[10].email, PASSWORD, HTTP_X_REAL_IP="203.0.113.99", **direct)
    assert response.status_code == 429 or LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


@override_settings(CLIENT_IP_HEADER="X-Forwarded-For", TRUSTED_PROXIES=["10.0.0.0/8"])
def test_forwarded_for_is_read_from_the_right_past_our_own_proxies():
    def ip(remote, header):
        return client_ip({"REMOTE_ADDR": remote, "HTTP_X_FORWARDED_FOR": header})

    assert ip("10.0.0.2", "198.51.100.7") == "198.51.100.7"
    # A client may write anything on the left; only what our proxies appended counts.
    assert ip("10.0.0.2", "1.2.3.4, 198.51.100.7, 10.0.0.9") == "198.51.100.7"
    assert ip("10.0.0.2", "not-an-address") == "10.0.0.2"
    assert ip("192.0.2.1", "198.51.100.7") == "192.0.2.1"  # not from a proxy: header ignored
    assert ip("10.0.0.2", "") == "10.0.0.2"


@override_settings(CLIENT_IP_HEADER="")
def test_without_a_configured_header_the_socket_address_is_used():
    assert client_ip({"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}) == "127.0.0.1"


def test_every_response_carries_a_request_id(client):
    first = client.get(reverse("health-live"))["X-Request-ID"]
    second = client.get(reverse("health-live"))["X-Request-ID"]
    assert len(first) == 32 and first != second


@override_settings(TRUSTED_PROXIES=["10.0.0.2/32"])
def test_a_request_id_is_taken_only_from_the_proxy_and_only_when_sane(client):
    url = reverse("health-live")
    assert (
        client.get(url, HTTP_X_REQUEST_ID="lb-abc12345", REMOTE_ADDR="10.0.0.2")["X-Request-ID"]
        == "lb-abc12345"
    )
    assert (
        client.get(url, HTTP_X_REQUEST_ID="lb-abc12345", REMOTE_ADDR="192.0.2.9")["X-Request-ID"]
        != "lb-abc12345"
    )
    assert (
        client.get(url, HTTP_X_REQUEST_ID="bad id\nwith newline", REMOTE_ADDR="10.0.0.2")[
            "X-Request-ID"
        ]
        != "bad id\nwith newline"
    )
