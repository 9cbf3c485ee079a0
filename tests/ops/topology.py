"""The production topology on loopback, for the multi-server check (`make ops`).

Its own PostgreSQL cluster and Redis (so they can be killed without touching anyone else's),
nginx in front of two gunicorn app servers, the database task worker, two schedulers and an
SMTP sink. A supervisor restarts the worker and schedulers when they exit, as systemd's
`Restart=always` does in production (docs/deploy/).
"""

import contextlib
import email.parser
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
BIN = Path(PYTHON).parent

# Ports 8150-8156 (8160 and up belong to another developer), Redis 6390, PostgreSQL 5440-5441.
NGINX_PORT, APP_PORTS, SQLITE_APP_PORT, SMTP_PORT = 8150, (8151, 8152), 8153, 8156
REDIS_PORT, PG_PORT, REPLICA_PORT = 6390, 5440, 5441
SECRET = "ops-live-check-secret-key-long-and-random-enough-0123456789abcdefghij"


def wait_for(predicate, *, timeout: float, interval: float = 0.1, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):  # not up yet: keep waiting until the deadline
            if predicate():
                return
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")


def http_status(url: str, timeout: float = 2.0) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class Topology:
    def __init__(self, root: Path):
        self.root = root
        self.processes: dict[str, subprocess.Popen] = {}
        self.supervised: set[str] = set()
        self.restarts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.pgdata = root / "pg"
        self.replica_data = root / "pg-replica"
        self.mail = root / "mail"
        self.logs = root / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)
        self.env = {
            **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")},
            "PYTHONPATH": str(REPO),
            "DJANGO_SETTINGS_MODULE": "tests.ops.live_settings",
            "DJANGO_SECRET_KEY": SECRET,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/clinicalcontext",
            "REDIS_URL": f"redis://127.0.0.1:{REDIS_PORT}/0",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(SMTP_PORT),
            "EMAIL_USE_TLS": "0",
            "SITE_URL": f"http://127.0.0.1:{NGINX_PORT}",
            "CLIENT_IP_HEADER": "X-Real-IP",
            "TRUSTED_PROXIES": "127.0.0.1/32",
            "WEB_CONCURRENCY": "2",
            "LOG_FORMAT": "json",
            "GUNICORN_ACCESS_LOG": "-",  # gunicorn.conf.py: its access lines as JSON too
        }

    # --- processes -----------------------------------------------------------------------

    def spawn(self, name: str, args: list[str], *, env=None, supervise=False) -> None:
        log = open(self.logs / f"{name}.log", "ab")  # noqa: SIM115 (kept open by the child)
        self.processes[name] = subprocess.Popen(  # noqa: S603
            args,
            cwd=REPO,
            env=env or self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        if supervise:
            self.supervised.add(name)
            self._specs = getattr(self, "_specs", {})
            self._specs[name] = (args, env)

    def kill(self, name: str, sig=signal.SIGKILL) -> None:
        process = self.processes.get(name)
        if process and process.poll() is None:
            os.killpg(process.pid, sig)
            if sig in (signal.SIGKILL, signal.SIGTERM, signal.SIGINT):
                process.wait(timeout=15)

    def alive(self, name: str) -> bool:
        process = self.processes.get(name)
        return bool(process) and process.poll() is None

    def _supervise(self):
        while not self._stopping.wait(0.5):
            with self._lock:
                for name in list(self.supervised):
                    if not self.alive(name):
                        args, env = self._specs[name]
                        self.restarts[name] = self.restarts.get(name, 0) + 1
                        self.spawn(name, args, env=env)

    def pause_supervision(self, name: str):
        with self._lock:
            self.supervised.discard(name)

    def resume_supervision(self, name: str):
        with self._lock:
            self.supervised.add(name)

    def manage(self, *args: str, env=None, check=True) -> subprocess.CompletedProcess:
        return subprocess.run(  # noqa: S603
            [PYTHON, "manage.py", *args],
            cwd=REPO,
            env=env or self.env,
            capture_output=True,
            text=True,
            check=check,
            timeout=300,
        )

    # --- services ------------------------------------------------------------------------

    def start_postgres(self) -> None:
        socket_dir = self.root / "pgsock"
        socket_dir.mkdir(exist_ok=True)
        if not self.pgdata.exists():
            self.pgdata.mkdir()
            self._as_postgres("initdb", "-D", str(self.pgdata), "-U", "postgres", "--auth=trust",
                              "-E", "UTF8", "--no-sync")  # fmt: skip
        options = f"-p {PG_PORT} -k {socket_dir} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres("pg_ctl", "-D", str(self.pgdata), "-l", str(self.logs / "postgres.log"),
                          "-w", "-o", options, "start")  # fmt: skip

    def stop_postgres(self, mode: str = "immediate") -> None:
        self._as_postgres("pg_ctl", "-D", str(self.pgdata), "-w", "-m", mode, "stop")

    def start_replica(self) -> None:
        """A streaming replica of the primary (pg_basebackup -R), on REPLICA_PORT."""
        if not self.replica_data.exists():
            self.replica_data.mkdir(mode=0o700)
            self._as_postgres("pg_basebackup", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U",
                              "postgres", "-D", str(self.replica_data), "-R", "-X", "stream",
                              "--checkpoint=fast", "--no-sync")  # fmt: skip
        options = (
            f"-p {REPLICA_PORT} -k {self.root / 'pgsock'} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c hot_standby=on"
        )
        self._as_postgres("pg_ctl", "-D", str(self.replica_data), "-l",
                          str(self.logs / "replica.log"), "-w", "-o", options, "start")  # fmt: skip

    def stop_replica(self, mode: str = "immediate") -> None:
        self._as_postgres("pg_ctl", "-D", str(self.replica_data), "-w", "-m", mode, "stop")

    def replica_sql(self, query: str, *params):
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={REPLICA_PORT} user=postgres dbname=clinicalcontext",
            autocommit=True,
        ) as connection:
            return connection.execute(query, params).fetchall()

    def _as_postgres(self, *command: str) -> None:
        """PostgreSQL refuses to run as root: run its tools as the postgres user then."""
        if os.geteuid() == 0:
            for path in (self.root / "pgsock", self.pgdata, self.logs, self.replica_data):
                if path.exists():
                    shutil.chown(path, "postgres")
            command = ("runuser", "-u", "postgres", "--", *command)
        subprocess.run(command, check=True, capture_output=True, timeout=60)  # noqa: S603

    def sql(self, query: str, *params):
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=clinicalcontext", autocommit=True
        ) as connection:
            rows = connection.execute(query, params)
            return rows.fetchall() if rows.description else None

    def start_redis(self) -> None:
        self.spawn(
            "redis",
            ["redis-server", "--port", str(REDIS_PORT), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.root)],
        )  # fmt: skip
        wait_for(lambda: self._redis_ping(), timeout=10, what="redis")
        time.sleep(0.2)
        assert self.alive("redis"), f"port {REDIS_PORT} is taken by another Redis"

    def _redis_ping(self) -> bool:
        result = subprocess.run(  # noqa: S603
            ["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True, timeout=2
        )
        return result.stdout.strip() == "PONG"

    def start_smtp(self) -> None:
        self.spawn(
            "smtp", [PYTHON, str(REPO / "tests/ops/smtp_sink.py"), str(SMTP_PORT), str(self.mail)]
        )
        wait_for(lambda: socket.create_connection(("127.0.0.1", SMTP_PORT), timeout=1).close()
                 is None, timeout=10, what="the SMTP sink")  # fmt: skip

    def stop_smtp(self) -> None:
        """The relay goes away: connections are refused until `start_smtp()`."""
        self.kill("smtp")

    def mails(self) -> list[str]:
        return sorted(p.read_text(errors="replace") for p in self.mail.glob("*.eml"))

    def message_ids(self) -> list[str]:
        """The Message-ID of every message the relay accepted, duplicates kept."""
        parser = email.parser.BytesHeaderParser()
        return [
            str(parser.parsebytes(path.read_bytes())["Message-ID"]).strip()
            for path in self.mail.glob("*.eml")
        ]

    def start_app(self, name: str, port: int, *, env=None, workers: int = 2) -> None:
        self.spawn(
            name,
            [str(BIN / "gunicorn"), "clinicalcontext.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", str(workers), "--timeout", "30", "--graceful-timeout", "5"],
            env=env,
        )  # fmt: skip
        wait_for(lambda: http_status(f"http://127.0.0.1:{port}/health/live/") == 200,
                 timeout=30, what=name)  # fmt: skip

    def start_worker(self) -> None:
        self.spawn(
            "worker", [PYTHON, "manage.py", "db_worker", "--interval", "0.5"], supervise=True
        )

    def start_scheduler(self, name: str) -> None:
        self.spawn(name, [PYTHON, "manage.py", "run_scheduler", "--host", name, "--tick", "0.5"],
                   supervise=True)  # fmt: skip

    def start_nginx(self) -> None:
        conf = self.root / "nginx.conf"
        (self.root / "nginx-temp").mkdir(exist_ok=True)
        upstream = "\n".join(f"server 127.0.0.1:{port} max_fails=0;" for port in APP_PORTS)
        conf.write_text(
            NGINX_CONF.format(
                root=self.root, port=NGINX_PORT, upstream=upstream, deploy=REPO / "docs/deploy"
            )
        )
        subprocess.run(["nginx", "-t", "-c", str(conf), "-p", str(self.root)], check=True,  # noqa: S603, S607
                       capture_output=True)  # fmt: skip
        self.spawn("nginx", ["nginx", "-c", str(conf), "-p", str(self.root), "-g", "daemon off;"])
        wait_for(lambda: http_status(f"http://127.0.0.1:{NGINX_PORT}/health/live/") == 200,
                 timeout=15, what="nginx")  # fmt: skip

    # --- the whole thing -----------------------------------------------------------------

    def up(self) -> dict:
        started = time.monotonic()
        self.start_postgres()
        subprocess.run(  # noqa: S603
            [
                "createdb",
                "-h",
                "127.0.0.1",
                "-p",
                str(PG_PORT),
                "-U",
                "postgres",
                "clinicalcontext",
            ],
            check=False,
            capture_output=True,
        )
        self.start_redis()
        self.start_smtp()
        self.manage("migrate", "--no-input")
        self.manage("collectstatic", "--no-input", "-v", "0")
        seeded = subprocess.run(  # noqa: S603
            [PYTHON, str(REPO / "tests/ops/live_seed.py")],
            cwd=REPO, env=self.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        self.seed = json.loads(seeded.stdout.strip().splitlines()[-1])
        for index, port in enumerate(APP_PORTS):
            self.start_app(f"app{index + 1}", port)
        self.start_nginx()
        self.start_worker()
        self.start_scheduler("scheduler-a")
        self.start_scheduler("scheduler-b")
        threading.Thread(target=self._supervise, daemon=True).start()
        self.startup_seconds = time.monotonic() - started
        return self.seed

    def down(self) -> None:
        self._stopping.set()
        for name in reversed(list(self.processes)):
            try:
                self.kill(name, signal.SIGTERM)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                self.kill(name)
        if (self.replica_data / "postmaster.pid").exists():
            self.stop_replica("fast")
        if (self.pgdata / "postmaster.pid").exists():
            self.stop_postgres("fast")


NGINX_CONF = """
worker_processes 1;
error_log {root}/logs/nginx-error.log warn;
pid {root}/nginx.pid;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {root}/nginx-temp/body;
    proxy_temp_path {root}/nginx-temp/proxy;
    fastcgi_temp_path {root}/nginx-temp/fastcgi;
    uwsgi_temp_path {root}/nginx-temp/uwsgi;
    scgi_temp_path {root}/nginx-temp/scgi;
    access_log {root}/logs/nginx-access.log;
    upstream clinicalcontext {{
        {upstream}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        include {deploy}/nginx-timeouts.conf;
        location / {{
            include {deploy}/nginx-proxy.conf;
        }}
    }}
}}
"""
