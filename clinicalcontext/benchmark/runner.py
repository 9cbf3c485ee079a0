"""`make bench`: seed, serve with gunicorn as in production, count CPU per request, stop.

    .venv/bin/python -m clinicalcontext.benchmark [--quick] [--keep] [--no-load]

For SQLite (always) and PostgreSQL + Redis (when DATABASE_URL is set): migrate a fresh database
in a scratch folder (or a fresh `BENCH_DATABASE_NAME` database on the DATABASE_URL server), seed
it through the services (`seed.py`), start gunicorn (2 sync workers, production settings,
127.0.0.1, ports from BENCH_PORT, default 8190) for the site, the site with 200 replies per page,
a small-data copy (the queue at 100 questions) and the bare Django floor. Then:

1. CPU per request: exactly N requests, two at a time, CPU seconds of the server's processes
   divided by N. It does not count time spent waiting for a core, so it holds on a busy box.
2. wrk (if installed), 16 connections for a few seconds: req/s and p99 of the item page, the
   floor's page and the clinicians' queue.
3. SQLite, 16 logged-in connections for a few seconds, 4 of them posting replies: 5xx and
   "database is locked" in the server log.
4. worker memory (RSS) at the end, and the in-process timings of `extras.py`.

Every server is stopped by PID when the run ends, also on error or Ctrl-C.
"""

# Every subprocess here runs this checkout's own interpreter, gunicorn or wrk on fixed arguments.
# ruff: noqa: S603

import argparse
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
HOST = "127.0.0.1"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "clinicalcontext.benchmark.settings",
    "DJANGO_SECRET_KEY": "bench-only-secret-for-a-local-run-7d2e9c41b5",
    "DJANGO_ALLOWED_HOSTS": HOST,
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "LOG_LEVEL": "WARNING",
    "TASKS_BACKEND": "django.tasks.backends.dummy.DummyBackend",  # seeding sends no email
    "PYTHONPATH": str(ROOT),
}
# Requests per page in the CPU phase (scaled by --quick): enough for a stable mean.
REQUESTS = {"hello": 300, "loop": 100, "item": 300, "thread": 30, "thread200": 8, "queue": 40}


# Processes ----------------------------------------------------------------------------------


def _stat(pid: int):
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[1]), int(fields[11]) + int(fields[12])  # ppid, utime + stime


def tree(pid: int) -> list[int]:
    """The gunicorn master and its workers."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (st := _stat(int(entry.name))) and st[0] == pid:
            kids.append(int(entry.name))
    return [pid, *kids]


def cpu_seconds(pid: int) -> float:
    return sum((_stat(p) or (0, 0))[1] for p in tree(pid)) / CLOCK_TICKS


def rss_mib(pid: int) -> list[int]:
    sizes = []
    for worker in tree(pid)[1:]:
        status = Path(f"/proc/{worker}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) // 1024)
    return sizes


class Server:
    def __init__(self, name: str, port: int, env: dict, *, app: str, log: Path):
        self.name, self.port, self.log = name, port, log
        command = [GUNICORN, app, "--workers", "2", "--bind", f"{HOST}:{port}"]
        command += ["--no-control-socket", "--chdir", str(ROOT)]
        self.process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=log.open("w"), stderr=subprocess.STDOUT
        )

    def wait_ready(self, path: str, seconds: float = 90) -> None:
        deadline = time.time() + seconds
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited: see {self.log}")
            try:
                if get(self.port, path)[0] < 500:
                    return
            except OSError:
                time.sleep(0.3)
        raise SystemExit(f"{self.name} did not start: see {self.log}")

    def idle(self, seconds: float = 10) -> None:
        """Wait until the workers have finished what a load run left queued."""
        deadline = time.time() + seconds
        while time.time() < deadline:
            before = cpu_seconds(self.process.pid)
            time.sleep(0.3)
            if cpu_seconds(self.process.pid) - before < 0.01:
                return

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# HTTP ---------------------------------------------------------------------------------------


def get(port: int, path: str, cookie: str | None = None, method="GET", body=None, extra=None):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    headers = {"Cookie": cookie} if cookie else {}
    headers.update(extra or {})
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def cpu_per_request(server: Server, path: str, cookie: str | None, count: int) -> float:
    """CPU milliseconds of the server per request, over exactly `count` requests, 2 at a time,
    after a warm-up request per worker (first renders fill each worker's caches)."""
    for _ in range(4):
        get(server.port, path, cookie)
    server.idle()
    left, statuses, lock = [count], [], threading.Lock()

    def client():
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            status = get(server.port, path, cookie)[0]
            with lock:
                statuses.append(status)

    before = cpu_seconds(server.process.pid)
    clients = [threading.Thread(target=client) for _ in range(2)]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    spent = cpu_seconds(server.process.pid) - before
    if set(statuses) != {200}:
        raise SystemExit(f"{server.name} {path}: statuses {sorted(set(statuses))}")
    return 1000 * spent / count


def wrk(server: Server, path: str, cookie: str | None, seconds: int) -> dict | None:
    if not shutil.which("wrk"):
        return None
    server.idle()
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "10s", "--latency"]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(
        [*command, f"http://{HOST}:{server.port}{path}"], capture_output=True, text=True
    ).stdout
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    scale = {"us": 0.001, "ms": 1, "s": 1000}
    return {
        "rps": float(rate.group(1)) if rate else 0.0,
        "p99_ms": float(p99.group(1)) * scale[p99.group(2)] if p99 else None,
        "non_2xx": int(m.group(1)) if (m := re.search(r"Non-2xx.*?:\s+(\d+)", output)) else 0,
    }


def mixed_load(server: Server, pages: dict, seconds: int) -> dict:
    """16 logged-in connections: 12 read a thread, 4 post replies to it, back to back."""
    stop_at = time.time() + seconds
    counts, lock = {}, threading.Lock()
    log_start = server.log.stat().st_size

    def record(status):
        with lock:
            counts[status] = counts.get(status, 0) + 1

    def reader(cookie):
        while time.time() < stop_at:
            record(get(server.port, pages["load_thread"], cookie)[0])

    def writer(cookie):
        _, headers, body = get(server.port, pages["load_thread"], cookie)
        csrf = next(v.split(";")[0] for k, v in headers if v.startswith("csrftoken="))
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        while time.time() < stop_at:
            form = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token.decode(),
                    "body": "A reply written under load, to see that nothing is locked out.",
                    "submission_token": str(uuid.uuid4()),
                }
            )
            status = get(
                server.port,
                pages["load_thread_reply"],
                f"{cookie}; {csrf}",
                method="POST",
                body=form,
                extra={"Content-Type": "application/x-www-form-urlencoded"},
            )[0]
            record(status)

    cookies = pages["member_cookies"]
    clients = [
        threading.Thread(target=writer if i < 4 else reader, args=(cookies[i % len(cookies)],))
        for i in range(16)
    ]
    for thread in clients:
        thread.start()
    for thread in clients:
        thread.join()
    with server.log.open() as log:
        log.seek(log_start)
        locked = log.read().count("database is locked")
    return {
        "requests": sum(counts.values()),
        "posted": counts.get(302, 0),
        "http_5xx": sum(n for status, n in counts.items() if status >= 500),
        "locked": locked,
    }


# Data ---------------------------------------------------------------------------------------


def run(command: list[str], env: dict) -> None:
    subprocess.run(command, env={**os.environ, **env}, cwd=ROOT, check=True)


def seed(env: dict, out: Path, *seed_args: str) -> dict:
    run([PYTHON, "manage.py", "migrate", "-v0", "--no-input"], env)
    run([PYTHON, "-m", "clinicalcontext.benchmark.seed", str(out), *seed_args], env)
    return json.loads(out.read_text())


def code_digest() -> str:
    """Seeded SQLite files are reused while the code that made them is unchanged."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in ("accounts", "articles", "forum", "text", "clinicalcontext"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()


def seed_sqlite(env: dict, name: str, scratch: Path, store: Path | None, *seed_args) -> dict:
    database, pages = scratch / f"{name}.sqlite3", scratch / f"{name}.json"
    if store and (store / f"{name}.json").exists():
        shutil.copyfile(store / f"{name}.sqlite3", database)
        shutil.copyfile(store / f"{name}.json", pages)
        return json.loads(pages.read_text())
    result = seed(env, pages, *seed_args)
    if store:
        store.mkdir(parents=True, exist_ok=True)
        run([PYTHON, "manage.py", "shell", "-c", _CHECKPOINT], env)
        shutil.copyfile(database, store / f"{name}.sqlite3")
        shutil.copyfile(pages, store / f"{name}.json")
    return result


# Fold the WAL into the database file, so that copying the one file copies everything.
_CHECKPOINT = "from django.db import connection; connection.cursor().execute('VACUUM')"


def postgres_env(url: str, name: str) -> dict:
    """A fresh database `name` on the DATABASE_URL server (dropped and created again)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urllib.parse.urlsplit(url)
    return {"DATABASE_URL": parts._replace(path="/" + name).geturl()}


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def forget_redis_keys(url: str, prefix: str) -> None:
    """The run's sessions and pages leave with it (its keys all start with its own prefix)."""
    if not url:
        return
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match=f"{prefix}*", count=1000):
        client.delete(key)


# The run ------------------------------------------------------------------------------------


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:.2f}x" if floor else "-"


def _spread(ratios: list[float]) -> str:
    ratios = sorted(ratios)
    return f"{statistics.median(ratios):.2f}x (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})"


def item_vs_floor_cpu(label, site, floor, path, scale, rounds) -> dict:
    """The cached item page against the floor's static page, CPU per request, in alternating
    rounds (item, floor, floor, item, ...): a neighbour's burst lands on both sides, and the
    median of the rounds' ratios is the figure."""
    count = max(20, int(REQUESTS["item"] * scale / 2))
    ratios = []
    for round_ in range(rounds):
        pair = [(site, path), (floor, "/hello/")]
        if round_ % 2:
            pair.reverse()
        cpu = {server.name: cpu_per_request(server, page, None, count) for server, page in pair}
        ratios.append(cpu[site.name] / cpu[floor.name])
    return {
        "db": label,
        "page": f"item CPU vs floor /hello/ CPU, {rounds} alternating rounds",
        "cpu_ms": None,
        "vs": _spread(ratios),
    }


def item_vs_floor_rate(label, site, floor, path, args) -> dict | None:
    """Throughput (the issue's figure): wrk on the item page and on the floor in alternating
    rounds; the median of the rounds' ratios (item req/s / floor req/s)."""
    ratios = []
    for round_ in range(args.rounds):
        pair = [(site, path), (floor, "/hello/")]
        if round_ % 2:
            pair.reverse()
        rates = {}
        for server, page in pair:
            result = wrk(server, page, None, max(2, args.seconds // 2))
            if not result or not result["rps"]:
                return None
            rates[server.name] = result["rps"]
        ratios.append(rates[site.name] / rates[floor.name])
    return {
        "db": label,
        "page": f"item req/s vs floor /hello/ req/s (wrk, 16 conn, {args.rounds} rounds)",
        "cpu_ms": None,
        "vs": _spread(ratios),
    }


def measure_site(label, servers, pages, small_pages, floor, scale, args) -> list[dict]:
    site, pp200, small = servers["site"], servers["pp200"], servers["small"]
    hello = cpu_per_request(floor, "/hello/", None, int(REQUESTS["hello"] * scale))
    loop = cpu_per_request(floor, "/loop/", None, int(REQUESTS["loop"] * scale))
    thread_body = get(site.port, pages["thread"], pages["patient_cookie"])[2]
    if b"Log out" not in thread_body:
        raise SystemExit(f"{label}: the seeded session was not accepted (run with --reseed)")
    shown = thread_body.count(b'class="post-node" id="post-')
    shown200 = get(pp200.port, pages["thread"], pages["patient_cookie"])[2].count(
        b'class="post-node" id="post-'
    )
    figures = {
        "item (anonymous, cached)": (site, pages["item"], None, "item", hello),
        f"thread page 1, member ({shown} posts)": (
            site,
            pages["thread"],
            pages["patient_cookie"],
            "thread",
            loop,
        ),
        f"thread, {shown200} posts on one page": (
            pp200,
            pages["thread"],
            pages["patient_cookie"],
            "thread200",
            loop,
        ),
        "queue, 2,000 questions": (site, pages["queue"], pages["clinician_cookie"], "queue", hello),
        "queue, 100 questions": (
            small,
            small_pages["queue"],
            small_pages["clinician_cookie"],
            "queue",
            hello,
        ),
    }
    get(site.port, pages["item"])  # the first anonymous view fills the page cache
    rows = [
        {"db": label, "page": "floor /hello/ (30 KB static)", "cpu_ms": hello, "vs": "-"},
        {"db": label, "page": "floor /loop/ (200 items)", "cpu_ms": loop, "vs": "-"},
    ]
    for page, (server, path, cookie, kind, base) in figures.items():
        cpu = cpu_per_request(server, path, cookie, max(4, int(REQUESTS[kind] * scale)))
        row = {"db": label, "page": page, "cpu_ms": cpu, "vs": ratio(cpu, base)}
        if kind == "thread":
            row["per_post_ms"] = cpu / max(1, shown)
        rows.append(row)
        print(f"  {label:6} {page:38} {cpu:8.2f} ms CPU", flush=True)
    rows.append(item_vs_floor_cpu(label, site, floor, pages["item"], scale, args.rounds))
    if not args.no_load:
        if item_rate := item_vs_floor_rate(label, site, floor, pages["item"], args):
            rows.append(item_rate)
        queue = wrk(site, pages["queue"], pages["clinician_cookie"], args.seconds)
        if queue:
            rows.append(
                {
                    "db": label,
                    "page": "queue p99 at 16 connections (wrk)",
                    "cpu_ms": None,
                    "vs": f"{queue['p99_ms']:.0f} ms",
                }
            )
    return rows


def start_servers(label: str, env: dict, small_env: dict, port: int, logs: Path) -> dict:
    app = "clinicalcontext.wsgi:application"
    return {
        "site": Server(f"{label}-site", port, env, app=app, log=logs / f"{label}-site.log"),
        "pp200": Server(
            f"{label}-pp200",
            port + 1,
            {**env, "BENCH_REPLIES_PER_PAGE": "200"},
            app=app,
            log=logs / f"{label}-pp200.log",
        ),
        "small": Server(
            f"{label}-small", port + 2, small_env, app=app, log=logs / f"{label}-small.log"
        ),
    }


def print_table(rows: list[dict], extras: dict) -> None:
    print("\n| db | page | CPU ms/request | ratio to the floor |")
    print("| --- | --- | ---: | ---: |")
    for row in rows:
        cpu = "" if row["cpu_ms"] is None else f"{row['cpu_ms']:.2f}"
        if "per_post_ms" in row:
            cpu += f" ({row['per_post_ms']:.2f}/post)"
        print(f"| {row['db']} | {row['page']} | {cpu} | {row['vs']} |")
    for label, value in extras.items():
        print(f"| - | {label} | {value} | |")


def main() -> None:
    parser = argparse.ArgumentParser(description="Clinical Context's own benchmark.")
    parser.add_argument("--quick", action="store_true", help="a third of the requests")
    parser.add_argument("--no-load", action="store_true", help="skip wrk and the mixed run")
    parser.add_argument("--seconds", type=int, default=5, help="length of each load run")
    parser.add_argument(
        "--rounds", type=int, default=5, help="alternating rounds of item page vs floor"
    )
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    parser.add_argument("--reseed", action="store_true", help="seed SQLite even if unchanged")
    args = parser.parse_args()
    scale = 0.35 if args.quick else 1.0
    port = int(os.environ.get("BENCH_PORT", "8190"))
    scratch = Path(tempfile.mkdtemp(prefix="ccbench-"))
    started = time.time()
    env = {**BASE_ENV, "BENCH_STATIC_ROOT": str(scratch / "static")}
    env.pop("DATABASE_URL", None)
    sqlite = {**env, "SQLITE_PATH": str(scratch / "big.sqlite3")}
    sqlite_small = {**env, "SQLITE_PATH": str(scratch / "small.sqlite3")}
    for name in ("DATABASE_URL", "REDIS_URL"):
        sqlite[name] = sqlite_small[name] = ""
    servers: list[Server] = []
    rows, results = [], {}
    pg_url = os.environ.get("DATABASE_URL", "")
    pg_name = os.environ.get("BENCH_DATABASE_NAME", f"ccbench_{port}")  # ports are per person
    try:
        print("collecting static files and seeding SQLite ...", flush=True)
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], sqlite)
        store = None if args.reseed else Path(tempfile.gettempdir()) / f"ccbench-{code_digest()}"
        pages = seed_sqlite(sqlite, "big", scratch, store)
        small_args = ["--replies", "10", "--threads", "10", "--questions", "100"]
        small = seed_sqlite(sqlite_small, "small", scratch, store, *small_args)
        floor = Server(
            "floor",
            port + 9,
            {**env, "DJANGO_SETTINGS_MODULE": "clinicalcontext.benchmark.floor"},
            app="django.core.wsgi:get_wsgi_application()",
            log=scratch / "floor.log",
        )
        servers.append(floor)
        site = start_servers("sqlite", sqlite, sqlite_small, port, scratch)
        servers += site.values()
        floor.wait_ready("/hello/")
        for server in site.values():
            server.wait_ready("/")
        print(f"measuring SQLite (seeded in {time.time() - started:.0f} s) ...", flush=True)
        rows += measure_site("sqlite", site, pages, small, floor, scale, args)
        if not args.no_load:
            results["mixed"] = mixed_load(site["site"], pages, args.seconds * 2)
            print(f"  sqlite mixed 16 connections: {results['mixed']}", flush=True)
        results["rss_sqlite"] = rss_mib(site["site"].process.pid)
        for server in site.values():
            server.stop()
        if pg_url:
            print("seeding PostgreSQL + Redis ...", flush=True)
            redis = {"REDIS_URL": os.environ.get("REDIS_URL", "")}
            redis["CACHE_KEY_PREFIX"] = f"ccbench{os.getpid()}"
            pg = {**env, **redis, **postgres_env(pg_url, pg_name)}
            pg_small = {**env, **redis, **postgres_env(pg_url, pg_name + "_small")}
            pg_small["CACHE_KEY_PREFIX"] += "s"
            pages_pg = seed(pg, scratch / "pg.json")
            small_pg = seed(pg_small, scratch / "pg-small.json", *small_args)
            site_pg = start_servers("pg", pg, pg_small, port + 3, scratch)
            servers += site_pg.values()
            for server in site_pg.values():
                server.wait_ready("/")
            rows += measure_site("pg", site_pg, pages_pg, small_pg, floor, scale, args)
            results["rss_pg"] = rss_mib(site_pg["site"].process.pid)
        extras = {}
        for line in subprocess.run(
            [PYTHON, "-m", "clinicalcontext.benchmark.extras"],
            # The search benchmark makes its own database on the PostgreSQL server, if any.
            env={**os.environ, **sqlite, "BENCH_POSTGRES_URL": pg_url, "BENCH_PORT": str(port)},
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines():
            label, _, value = line.partition("\t")
            extras[label] = value
    finally:
        for server in servers:
            server.stop()
        if pg_url:
            for name in (pg_name, pg_name + "_small"):
                drop_postgres(pg_url, name)
            forget_redis_keys(os.environ.get("REDIS_URL", ""), f"ccbench{os.getpid()}")
    print_table(rows, extras)
    if "mixed" in results:
        mixed = results["mixed"]
        print(
            f"\nSQLite, 16 logged-in connections ({mixed['posted']} replies posted, "
            f"{mixed['requests']} requests): {mixed['locked']} 'database is locked', "
            f"{mixed['http_5xx']} 5xx"
        )
    for key in ("rss_sqlite", "rss_pg"):
        if key in results:
            print(f"worker RSS after the run ({key[4:]}): {results[key]} MiB")
    print(f"run took {time.time() - started:.0f} s")
    (scratch / "results.json").write_text(json.dumps({"rows": rows, **results}, indent=1))
    if args.keep:
        print(f"kept {scratch}")
    else:
        shutil.rmtree(scratch, ignore_errors=True)
