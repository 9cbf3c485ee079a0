"""A dead or hanging Redis costs a miss, never an error page or a held worker."""

import socket
import threading
import uuid

import pytest
from django.core.cache import caches
from django.test import override_settings
from django.urls import reverse

from clinicalcontext import cache as resilient
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db


class SilentServer:
    """Accepts connections and reads, never answers: a Redis that hangs."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.received = 0
        self.connections = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.connections.append(conn)
            threading.Thread(target=self._drain, args=(conn,), daemon=True).start()

    def _drain(self, conn):
        while True:
            try:
                data = conn.recv(4096)
            except OSError:
                return
            if not data:
                return
            self.received += len(data)

    def close(self):
        for conn in self.connections:
            conn.close()
        self.sock.close()


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _redis_settings(port: int) -> dict:
    return {
        "default": {
            "BACKEND": "clinicalcontext.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "KEY_PREFIX": f"t{uuid.uuid4().hex[:6]}",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }


@pytest.fixture
def fresh_circuits():
    resilient._circuits.clear()
    resilient._fallback.clear()
    yield
    resilient._circuits.clear()
    resilient._fallback.clear()


def _finishes(call, seconds=5.0):
    result = {}
    worker = threading.Thread(target=lambda: result.setdefault("value", call()), daemon=True)
    worker.start()
    worker.join(seconds)
    return not worker.is_alive(), result.get("value")


def test_a_redis_that_refuses_connections_is_a_miss(fresh_circuits):
    with override_settings(CACHES=_redis_settings(_closed_port())):
        cache = caches["default"]
        cache.set("page", "cached copy")
        assert cache.get("page") is None
        assert cache.get("page", "default") == "default"
        assert cache.add("page", 1) is False
        assert cache.get_or_set("page", "fresh") == "fresh"
        cache.delete("page")
        assert cache.incr("generation") is None
        assert cache.ping() is False


def test_a_hanging_redis_costs_one_timeout_then_nothing(fresh_circuits):
    server = SilentServer()
    try:
        with override_settings(CACHES=_redis_settings(server.port)):
            cache = caches["default"]
            finished, value = _finishes(lambda: cache.get("page", "miss"))
            assert finished, "a hanging Redis held the caller"
            assert value == "miss"
            sent_before = server.received
            assert sent_before > 0  # the first call did ask Redis
            finished, _ = _finishes(lambda: [cache.get(f"page-{n}") for n in range(50)])
            assert finished
            assert server.received == sent_before  # the open circuit asked nothing more
    finally:
        server.close()


def test_rate_limit_counters_keep_counting_in_process_while_redis_is_down(fresh_circuits):
    with override_settings(CACHES=_redis_settings(_closed_port())):
        cache = caches["default"]
        cache.set("allauth:rl:login_failed:abc", [1.0, 2.0], 60)
        assert cache.get("allauth:rl:login_failed:abc") == [1.0, 2.0]
        assert cache.add("allauth:rl:login_failed:abc:lock", True, 10) is True
        assert cache.add("allauth:rl:login_failed:abc:lock", True, 10) is False
        cache.set("articles:page:1:7", "page")
        assert cache.get("articles:page:1:7") is None  # pages are never kept in process


@override_settings(ACCOUNT_RATE_LIMITS={"login_failed": "10/m/ip,5/5m/key"})
def test_the_login_limit_still_holds_with_redis_down(client, fresh_circuits):
    member = make_user()
    with override_settings(CACHES=_redis_settings(_closed_port())):
        for _ in range(5):
            response = client.post(
                reverse("account_login"), {"login": member.email, "password": "wrong-guess-1"}
            )
            assert response.status_code == 200
        response = client.post(
            reverse("account_login"), {"login": member.email, "password": PASSWORD}
        )
        assert "Too many failed login attempts" in response.content.decode()
        assert "_auth_user_id" not in client.session


def test_pages_render_and_members_post_with_redis_down(client, fresh_circuits):
    from tests.forum.conftest import make_thread

    member = make_user()
    thread = make_thread()
    with override_settings(CACHES=_redis_settings(_closed_port())):
        assert client.get(reverse("home")).status_code == 200
        client.force_login(member)
        page = client.get(thread.get_absolute_url())
        assert page.status_code == 200
        response = client.post(
            reverse("forum:thread-reply", args=[thread.pk]),
            {"body": "Posted while the cache was away.", "submission_token": str(uuid.uuid4())},
        )
        assert response.status_code == 302
        assert thread.posts.filter(body="Posted while the cache was away.").exists()
        assert "Posted while the cache was away." in client.get(response.url).content.decode()
