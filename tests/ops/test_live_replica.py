"""A real streaming replica (pg_basebackup -R from the topology's primary) behind a third app
server with DATABASE_REPLICA_URL (marker `ops`): reads go to it, a writer reads their own
reply at once, and the replica stopped costs no page (clinicalcontext/replica.py)."""

import signal
import uuid

import pytest

from .browser import Browser
from .test_live_topology import member, posts_with, reply
from .topology import REPLICA_PORT, wait_for

pytestmark = pytest.mark.ops

REPLICA_APP_PORT = 8155


@pytest.fixture(scope="module")
def replica_app(live):
    live.start_replica()
    url = f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/clinicalcontext"
    live.start_app("app-replica", REPLICA_APP_PORT, env={**live.env, "DATABASE_REPLICA_URL": url})
    try:
        yield REPLICA_APP_PORT
    finally:
        live.kill("app-replica", signal.SIGTERM)
        if (live.replica_data / "postmaster.pid").exists():
            live.stop_replica("fast")


def _app_connections_on_replica(live) -> int:
    return live.replica_sql(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = 'clinicalcontext' "
        "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
    )[0][0]


def test_pages_read_the_replica_and_a_writer_reads_their_own_reply(live, replica_app):
    for _ in range(3):
        assert Browser(replica_app).get(live.seed["thread_url"]).status == 200
    assert _app_connections_on_replica(live) >= 1  # the anonymous reads went there
    browser = member(live, 4, port=replica_app)
    body = f"Read back at once through the replica's server {uuid.uuid4()}"
    response = reply(browser, live, body, port=replica_app)
    assert response.status == 302
    assert "cc_primary" in browser.cookies  # pinned to the primary for a few seconds
    assert body in browser.get(response.location, port=replica_app).text
    wait_for(
        lambda: (
            live.replica_sql("SELECT count(*) FROM forum_post WHERE body = %s", body)[0][0] == 1
        ),
        timeout=10,
        what="the reply to reach the replica",
    )
    assert posts_with(live, body) == 1


def test_the_replica_stopped_costs_no_page(live, replica_app):
    assert Browser(replica_app).get(live.seed["thread_url"]).status == 200
    live.stop_replica("immediate")
    statuses = [Browser(replica_app).get(live.seed["thread_url"]).status for _ in range(6)]
    print(f"\nreplica stopped: thread page statuses {statuses}")
    assert statuses == [200] * 6  # the primary answers; the replica is retried after 15 s
