"""The embedded SQLite site on a real volume that fills up, then turns read-only.

A small tmpfs holds the database; gunicorn serves it with production settings. Reads must go
on, writes must get the 503 page, and no row may be half-written.
"""

import contextlib
import errno
import signal
import sqlite3
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

from .browser import Browser
from .topology import PYTHON, REPO, SQLITE_APP_PORT, Topology

pytestmark = pytest.mark.ops


@pytest.fixture(scope="module")
def sqlite_site():
    root = Path(tempfile.mkdtemp(prefix="cc-ops-sqlite-", dir="/tmp"))
    volume = root / "volume"
    volume.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(volume)], check=True)
    site = Topology(root)
    site.env = {k: v for k, v in site.env.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    site.env.update(SQLITE_PATH=str(volume / "db.sqlite3"), WEB_CONCURRENCY="1")
    try:
        site.manage("migrate", "--no-input")
        seeded = subprocess.run(  # noqa: S603
            [PYTHON, str(REPO / "tests/ops/live_seed.py")],
            cwd=REPO, env=site.env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        import json

        site.seed = json.loads(seeded.stdout.strip().splitlines()[-1])
        site.volume = volume
        site.start_app("sqlite-app", SQLITE_APP_PORT, env=site.env, workers=2)
        yield site
    finally:
        site.down()
        subprocess.run(["umount", "-l", str(volume)], check=False)


def _rows(site, table: str) -> int:
    """Count rows as they are on the volume (read-only; immutable when it cannot be locked)."""
    for mode in ("mode=ro", "immutable=1"):
        uri = f"file:{site.volume / 'db.sqlite3'}?{mode}"
        try:
            with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
                return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
        except sqlite3.OperationalError:
            continue
    raise AssertionError("cannot read the database at all")


def _fill(volume: Path) -> Path:
    filler = volume / "filler"
    with open(filler, "wb") as file:
        try:
            while True:
                file.write(b"\0" * (1 << 20))
                file.flush()
        except OSError as error:
            assert error.errno == errno.ENOSPC
    return filler


def _reply(browser, site, body):
    return browser.post(
        f"/forum/threads/{site.seed['thread_id']}/reply/",
        {"body": body, "submission_token": str(uuid.uuid4())},
    )


READS = ("/", "/forum/", "/articles/")


def _reads(site) -> list[int]:
    reader = Browser(SQLITE_APP_PORT)
    paths = (*READS, site.seed["thread_url"], site.seed["article_url"])
    return [reader.get(path).status for path in paths]


def test_a_full_disk_keeps_reads_refuses_writes_and_loses_nothing(sqlite_site):
    site = sqlite_site
    member = Browser(SQLITE_APP_PORT)
    assert member.login(site.seed["members"][0], site.seed["password"]).status == 302
    posts = _rows(site, "forum_post")
    filler = _fill(site.volume)
    try:
        # Connections open read-only on a full volume (clinicalcontext/sqlite/): a normal one
        # could fail even a read, growing its shared-memory index.
        statuses = _reads(site)
        assert statuses == [200] * 5
        body = f"Typed while the disk was full {uuid.uuid4()}"
        refused = _reply(member, site, body)
        assert refused.status == 503 and body in refused.text
        assert _rows(site, "forum_post") == posts
    finally:
        filler.unlink()
    assert _reply(member, site, body).status == 302
    assert _rows(site, "forum_post") == posts + 1
    print(f"\nfull disk: reads {statuses}, reply 503 with its text, nothing half-written")


def test_a_read_only_volume_keeps_reads_and_refuses_writes(sqlite_site):
    site = sqlite_site
    member = Browser(SQLITE_APP_PORT)
    assert member.login(site.seed["members"][1], site.seed["password"]).status == 302
    posts = _rows(site, "forum_post")
    # A volume cannot be remounted read-only under open files: stop, remount, start again,
    # as after a host restart that found the volume read-only.
    site.kill("sqlite-app", signal.SIGTERM)
    subprocess.run(["mount", "-o", "remount,ro", str(site.volume)], check=True)
    site.start_app("sqlite-app", SQLITE_APP_PORT, env=site.env, workers=2)
    try:
        assert _reads(site) == [200] * 5
        assert member.is_logged_in()
        assert member.get(site.seed["thread_url"]).status == 200  # reading marks nothing
        refused = _reply(member, site, "Typed on a read-only volume")
        assert refused.status == 503 and "Typed on a read-only volume" in refused.text
        assert _rows(site, "forum_post") == posts
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(site.volume)], check=True)
    assert _reply(member, site, "Typed once it could write again").status == 302
