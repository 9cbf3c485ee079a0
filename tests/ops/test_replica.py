"""Reads from the replica only where a moment's lag cannot mislead anyone (replica.py)."""

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from clinicalcontext import replica
from forum.models import Post

router = replica.PrimaryReplicaRouter()
# No database: the router decides without a query, and outside a test-wide transaction.


@pytest.fixture
def reachable(monkeypatch):
    monkeypatch.setattr(replica, "_replica_reachable", lambda: True)


def serve(request, view):
    """The request through the middleware; `view` returns what it wants to report."""
    seen = {}

    def get_response(request):
        seen["result"] = view()
        return HttpResponse("ok")

    response = replica.ReplicaReadsMiddleware(get_response)(request)
    return seen["result"], response


def test_a_plain_get_reads_the_replica_and_is_not_pinned(reachable):
    read, response = serve(RequestFactory().get("/forum/"), lambda: router.db_for_read(Post))
    assert read == replica.REPLICA
    assert replica.PIN_COOKIE not in response.cookies


def test_after_a_write_the_rest_of_the_request_and_the_next_seconds_read_the_primary(reachable):
    def view():
        before = router.db_for_read(Post)
        router.db_for_write(Post)
        return before, router.db_for_read(Post)

    (before, after), response = serve(RequestFactory().get("/forum/"), view)
    assert (before, after) == (replica.REPLICA, replica.PRIMARY)
    pin = response.cookies[replica.PIN_COOKIE]
    assert pin["max-age"] == 10 and pin["httponly"]
    pinned = RequestFactory().get("/forum/")
    pinned.COOKIES[replica.PIN_COOKIE] = "1"
    assert serve(pinned, lambda: router.db_for_read(Post))[0] == replica.PRIMARY


def test_a_page_being_rendered_into_the_shared_page_cache_reads_the_primary(reachable):
    request = RequestFactory().get("/articles/1/an-item/")
    request.fills_shared_cache = True  # set by articles' ItemPageCacheMiddleware on a miss
    assert serve(request, lambda: router.db_for_read(Post))[0] == replica.PRIMARY


def test_posts_sessions_and_work_outside_requests_read_the_primary(reachable):
    read_post = lambda: router.db_for_read(Post)  # noqa: E731
    assert serve(RequestFactory().post("/forum/"), read_post)[0] == replica.PRIMARY
    assert serve(RequestFactory().get("/"), lambda: router.db_for_read(Session))[0] == "default"
    assert router.db_for_read(Post) == replica.PRIMARY  # the worker, the scheduler, commands


@pytest.mark.django_db
def test_reads_inside_a_transaction_read_the_primary(reachable):
    def in_a_service():
        with transaction.atomic():
            return router.db_for_read(Post)

    assert serve(RequestFactory().get("/"), in_a_service)[0] == replica.PRIMARY


def test_an_unreachable_replica_sends_reads_to_the_primary_and_is_retried_later(monkeypatch):
    class DeadReplica:
        attempts = 0

        def close_if_health_check_failed(self):
            pass

        def ensure_connection(self):
            DeadReplica.attempts += 1
            raise OperationalError("connection refused")

    fake = {replica.REPLICA: DeadReplica(), replica.PRIMARY: connections["default"]}
    monkeypatch.setattr(replica, "connections", fake)
    monkeypatch.setattr(replica, "_replica_down_until", 0.0)
    for _ in range(3):
        assert serve(RequestFactory().get("/"), lambda: router.db_for_read(Post))[0] == "default"
    assert DeadReplica.attempts == 1  # then left alone for REPLICA_RETRY_SECONDS
    monkeypatch.setattr(replica, "_replica_down_until", 0.0)
    serve(RequestFactory().get("/"), lambda: None)
    assert DeadReplica.attempts == 2


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "forum")
    assert not router.allow_migrate(replica.REPLICA, "forum")


def test_the_item_page_cache_marks_a_miss_so_that_it_renders_from_the_primary():
    from django.urls import reverse

    from articles.middleware import ItemPageCacheMiddleware

    seen = {}

    def get_response(request):
        seen["mark"] = getattr(request, "fills_shared_cache", False)
        return HttpResponse("page")

    item = reverse("articles:detail", kwargs={"number": 987001, "slug": "never-cached"})
    ItemPageCacheMiddleware(get_response)(RequestFactory().get(item))
    assert seen["mark"] is True
    ItemPageCacheMiddleware(get_response)(RequestFactory().get("/forum/"))
    assert seen["mark"] is False
