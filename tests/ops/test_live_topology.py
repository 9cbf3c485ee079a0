"""Two app servers behind nginx, PostgreSQL, Redis, the worker, two schedulers and an SMTP
sink; then each dependency broken in turn while members read, post and ask.

Run by `make ops` / .ci/multi-server (marker `ops`); each test restores what it broke.
"""

import contextlib
import signal
import socket
import threading
import time
import uuid

import pytest

from .browser import Browser
from .topology import APP_PORTS, NGINX_PORT, wait_for

pytestmark = pytest.mark.ops

APP1, APP2 = APP_PORTS
_client_serial = iter(range(10, 250))


def client_address() -> str:
    """A distinct client address per test, as the proxy would report it."""
    return f"198.51.100.{next(_client_serial)}"


def member(live, index: int, *, port=NGINX_PORT) -> Browser:
    browser = Browser(port)
    response = browser.login(live.seed["members"][index], live.seed["password"])
    assert response.status == 302, response.text[:500]
    return browser


def reply(browser, live, body, *, port=None, token=None):
    return browser.post(
        f"/forum/threads/{live.seed['thread_id']}/reply/",
        {"body": body, "submission_token": token or str(uuid.uuid4())},
        port=port,
    )


def posts_with(live, body) -> int:
    return live.sql("SELECT count(*) FROM forum_post WHERE body = %s", body)[0][0]


def health(port=NGINX_PORT):
    response = Browser(port).get("/health/")
    import json

    return response.status, json.loads(response.text)


def wait_healthy(timeout: float, what: str) -> None:
    try:
        wait_for(lambda: health()[0] == 200, timeout=timeout, interval=0.5, what=what)
    except TimeoutError as error:
        raise AssertionError(f"{error}: {health()[1]}") from None


def timed(call):
    started = time.monotonic()
    result = call()
    return result, time.monotonic() - started


# --- across servers --------------------------------------------------------------------


def test_a_session_started_on_one_server_is_good_on_the_other_and_logout_holds(live):
    browser = member(live, 0, port=APP1)
    assert all(browser.is_logged_in(port=port) for port in (APP1, APP2) * 10)
    old_cookies = dict(browser.cookies)
    assert browser.post("/accounts/logout/", {}, port=APP2).status == 302
    replay = Browser(APP1)
    replay.cookies = old_cookies
    accepted = sum(replay.is_logged_in(port=port) for port in (APP1, APP2) * 10)
    print(f"\nold cookie accepted after logout: {accepted} of 20")
    assert accepted == 0


def test_the_same_submission_on_both_servers_makes_one_post(live):
    browser = member(live, 1)
    token, body = str(uuid.uuid4()), f"Posted twice by a double click {uuid.uuid4()}"
    first = reply(browser, live, body, port=APP1, token=token)
    second = reply(browser, live, body, port=APP2, token=token)
    assert (first.status, second.status) == (302, 302)
    assert posts_with(live, body) == 1


def test_the_login_limit_holds_across_servers_and_host_headers(live):
    email, address = live.seed["members"][2], client_address()
    for attempt in range(5):
        port = APP_PORTS[attempt % 2]
        browser = Browser(port, host=f"127.0.0.1:{9000 + attempt}")
        browser.login(email, "a-wrong-guess", headers={"X-Real-IP": address}, port=port)
    for port, host in ((APP1, "localhost"), (APP2, "127.0.0.1:1234"), (NGINX_PORT, "127.0.0.1")):
        browser = Browser(port, host=host)
        response = browser.login(email, live.seed["password"], headers={"X-Real-IP": address})
        assert response.status == 200 and "Too many failed login attempts" in response.text
        assert not browser.is_logged_in()


# --- PostgreSQL ------------------------------------------------------------------------
# Before the Redis faults: a worker that lived through a Redis outage bypasses the page cache
# for the keys it could not invalidate (docs/deploy.md), which is right, but would make this
# case's "cached page while PostgreSQL is down" depend on which worker nginx picks.


def test_postgres_down_is_a_clear_503_and_everything_comes_back(live):
    browser = member(live, 5)
    body = f"Written while the database was away {uuid.uuid4()}"
    for _ in range(2):  # the anonymous item page goes into the page cache
        assert Browser(NGINX_PORT).get(live.seed["article_url"]).status == 200
    live.stop_postgres("immediate")
    try:
        cached = Browser(NGINX_PORT).get(live.seed["article_url"])
        assert cached.status == 200  # the anonymous item page is served from the cache
        page = Browser(NGINX_PORT).get(live.seed["thread_url"])
        assert page.status == 503 and "unavailable for a moment" in page.text
        refused = reply(browser, live, body)
        assert refused.status == 503 and body in refused.text  # the text is given back
        status, report = health()
        assert status == 503 and report["checks"]["database"]["ok"] is False
        assert Browser(NGINX_PORT).get("/health/live/").status == 200
    finally:
        live.start_postgres()
    wait_healthy(40, "health after PostgreSQL restart")
    assert reply(browser, live, body).status == 302
    assert posts_with(live, body) == 1
    print(f"\nrestarts after PostgreSQL came back: {live.restarts}")


# --- Redis -----------------------------------------------------------------------------


def _site_works(live, browser, label):
    timings = {}
    for path in ("/", live.seed["thread_url"], live.seed["article_url"], "/forum/"):
        response, seconds = timed(lambda path=path: browser.get(path))
        assert response.status == 200, (label, path, response.status)
        anonymous = Browser(NGINX_PORT).get(path)
        assert anonymous.status == 200, (label, "anonymous", path)
        timings[path] = seconds
    body = f"A reply while {label} {uuid.uuid4()}"
    response = reply(browser, live, body)
    assert response.status == 302, (label, response.status)
    assert posts_with(live, body) == 1
    assert body in browser.get(response.location).text
    question = f"How does this apply to me while {label}? {uuid.uuid4()}"
    asked = browser.post(
        f"/articles/{live.seed['article_number']}/ask/",
        {"body": question, "visibility": "private"},
    )
    assert asked.status == 302, (label, "ask", asked.status, asked.text[:300])
    asked_rows = "SELECT count(*) FROM articles_doctorquestion WHERE body = %s"
    assert live.sql(asked_rows, question)[0][0] == 1
    return max(timings.values())


def test_redis_killed_pages_render_and_posts_are_kept(live):
    browser = member(live, 3)
    live.kill("redis")
    try:
        slowest = _site_works(live, browser, "Redis is down")
        status, report = health()
        assert status == 503 and report["checks"]["cache"]["ok"] is False
        assert report["checks"]["database"]["ok"] is True
        assert Browser(NGINX_PORT).get("/health/live/").status == 200
        fresh = member(live, 4)  # logging in works too (database sessions)
        assert fresh.is_logged_in()
        print(f"\nRedis down: slowest page {slowest * 1000:.0f} ms")
    finally:
        live.start_redis()
    wait_healthy(20, "health after Redis restart")


def test_redis_hanging_costs_milliseconds(live):
    browser = member(live, 3)
    live.kill("redis", signal.SIGSTOP)
    try:
        slowest = _site_works(live, browser, "Redis hangs")
        _, seconds = timed(lambda: [browser.get(live.seed["article_url"]) for _ in range(20)])
        print(
            f"\nRedis hanging: slowest page {slowest * 1000:.0f} ms, 20 item pages {seconds:.2f} s"
        )
        assert slowest < 2.0 and seconds < 5.0
        assert health()[0] == 503
    finally:
        live.kill("redis", signal.SIGCONT)
    wait_healthy(20, "health after Redis resumed")


# --- the worker and email --------------------------------------------------------------


def _enqueue_emails(live, count: int) -> None:
    # Every email goes to the outbox and is delivered by the worker (notifications.outbox).
    code = (
        "from django.core.mail import EmailMessage\n"
        f"for n in range({count}): EmailMessage(subject=f'Live check {{n}}', "
        "body='Delivered by the worker.', to=['live.check@example.com']).send()"
    )
    live.manage("shell", "--no-imports", "-c", code)


def _live_checks(live) -> int:
    # Only the emails this test queued: notification emails from earlier steps may still be on
    # their way through the outbox when the worker comes back.
    return sum("Subject: Live check" in mail for mail in live.mails())


def test_a_killed_worker_shows_in_health_and_its_emails_arrive_after_restart(live):
    before = _live_checks(live)
    live.pause_supervision("worker")
    live.kill("worker")
    try:
        _enqueue_emails(live, 5)
        wait_for(
            lambda: (
                not (report := health()[1])["checks"]["queue"]["ok"]
                or not report["checks"]["worker"]["ok"]
            ),
            timeout=30,
            interval=1,
            what="health to notice the dead worker",
        )
        status, report = health()
        assert status == 503 and report["checks"]["queue"]["waiting"] >= 5
        assert _live_checks(live) == before  # nothing sent while it was down …
    finally:
        live.resume_supervision("worker")
    wait_for(lambda: _live_checks(live) >= before + 5, timeout=30, what="queued emails")
    time.sleep(2)
    assert _live_checks(live) == before + 5  # … and each exactly once after
    assert all("How does this apply to me" not in mail for mail in live.mails())
    wait_healthy(30, "health after the worker restart")


# --- the scheduler on two hosts --------------------------------------------------------


def test_two_schedulers_run_each_job_once_per_period(live):
    scheduled = live.seed["scheduled_id"]
    wait_for(
        lambda: (
            live.sql("SELECT status FROM articles_article WHERE id = %s", scheduled)[0][0]
            == "published"
        ),
        timeout=40,
        what="the scheduled item to be published",
    )
    time.sleep(6)  # a few more periods with both schedulers racing
    published = live.sql(
        "SELECT count(*) FROM articles_revision WHERE article_id = %s AND message = %s",
        scheduled,
        "Published at its scheduled time",
    )[0][0]
    threads = live.sql("SELECT count(*) FROM forum_thread WHERE article_id = %s", scheduled)[0][0]
    runs = live.sql(
        "SELECT job, period, count(*), array_agg(host) FROM clinicalcontext_jobrun "
        "GROUP BY job, period"
    )
    hosts = {host for *_, agg in runs for host in agg}
    beats = live.sql(
        "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE task_path = %s",
        "clinicalcontext.tasks.heartbeat",
    )[0][0]
    beat_runs = sum(1 for job, *_ in runs if job == "clinicalcontext.health.enqueue_heartbeat")
    print(f"\nscheduler: {len(runs)} runs, won by {sorted(hosts)}; {beats} heartbeats")
    assert published == 1 and threads == 1
    assert all(count == 1 for _, _, count, _ in runs)
    assert {"scheduler-a", "scheduler-b"} <= hosts  # both were racing, each won some
    assert beats <= beat_runs  # one heartbeat per period, never two


# --- slow clients ----------------------------------------------------------------------


def _slow_clients(port: int, count: int, seconds: float) -> threading.Thread:
    """`count` connections that send a request one byte a second, then give up."""
    sockets = []
    for _ in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=2)
        sock.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 9000\r\n"
        )
        sockets.append(sock)

    def trickle():
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for sock in sockets:
                with contextlib.suppress(OSError):  # nginx may have cut it off: fine
                    sock.send(b"X")
            time.sleep(1)
        for sock in sockets:
            sock.close()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    return thread


def _answers_within(port: int, seconds: float) -> float | None:
    try:
        response, took = timed(lambda: Browser(port).get("/health/live/", timeout=seconds))
    except (TimeoutError, OSError):
        return None
    return took if response.status == 200 else None


def test_fifty_slow_clients_do_not_stop_other_users(live):
    trickling = _slow_clients(NGINX_PORT, 50, seconds=6)
    time.sleep(0.5)
    through_nginx = [_answers_within(NGINX_PORT, 3) for _ in range(5)]
    trickling.join(10)
    # The same against an app server with no front, to show what nginx is for.
    trickling = _slow_clients(APP2, 50, seconds=6)
    time.sleep(0.5)
    direct = _answers_within(APP2, 3)
    trickling.join(10)
    print(f"\n50 slow clients: through nginx {through_nginx}; straight to gunicorn {direct}")
    assert all(took is not None and took < 3 for took in through_nginx)
    wait_for(lambda: _answers_within(APP2, 2) is not None, timeout=40, what="app2 to recover")


# --- sessions on many processes without Redis ------------------------------------------


def test_without_redis_four_workers_agree_that_a_logged_out_session_is_over(live):
    env = {k: v for k, v in live.env.items() if k != "REDIS_URL"}
    live.start_app("app-no-redis", 8154, env=env, workers=4)
    try:
        browser = member(live, 0, port=8154)
        old = dict(browser.cookies)
        assert browser.post("/accounts/logout/", {}, port=8154).status == 302
        replay = Browser(8154)
        replay.cookies = old
        accepted = sum(replay.is_logged_in() for _ in range(20))
        print(f"\nno Redis, 4 workers: old cookie accepted {accepted} of 20 after logout")
        assert accepted == 0
    finally:
        live.kill("app-no-redis", signal.SIGTERM)


# --- logs ------------------------------------------------------------------------------


def test_gunicorn_writes_json_lines_with_the_request_id(live):
    import json

    marker = f"unmistakable{uuid.uuid4().hex[:8]}"
    response = Browser(NGINX_PORT).get(live.seed["article_url"] + f"?q={marker}")
    request_id = response.headers["x-request-id"]

    def log_lines():
        read = [(live.logs / f"{app}.log").read_text(errors="replace") for app in ("app1", "app2")]
        return "\n".join(read).splitlines()

    # The access line is written just after the response has gone.
    wait_for(lambda: any(request_id in line for line in log_lines()), timeout=5, what="access line")
    lines = log_lines()
    records = [json.loads(line) for line in lines if line.startswith("{")]
    loose = [line for line in lines if line.strip() and not line.startswith("{")]
    assert not loose, loose[:5]  # every line gunicorn or the app wrote is JSON
    assert {"gunicorn.error", "gunicorn.access"} <= {record["logger"] for record in records}
    access = [r for r in records if r["logger"] == "gunicorn.access"]
    mine = [r for r in access if r["request_id"] == request_id]
    assert len(mine) == 1 and mine[0]["http"]["status"] == 200
    assert mine[0]["http"]["path"] == live.seed["article_url"]
    assert all(marker not in line for line in lines)  # the query string stays out
