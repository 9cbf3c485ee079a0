"""The run book's backup and restore (docs/deploy/backup.sh, restore.sh), exercised for real:
PostgreSQL from the live topology into a fresh database, and a SQLite site file."""

import os
import sqlite3
import subprocess
import uuid

import pytest

from .browser import Browser
from .topology import PG_PORT, REPO, SQLITE_APP_PORT, wait_for

pytestmark = pytest.mark.ops

SCRIPTS = REPO / "docs" / "deploy"
COUNTED = (
    "accounts_user",
    "forum_post",
    "forum_thread",
    "articles_article",
    "clinicalcontext_jobrun",
)


def _run(script: str, *args: str, env: dict) -> str:
    result = subprocess.run(  # noqa: S603
        ["bash", str(SCRIPTS / script), *args], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_postgres_backup_restores_into_a_fresh_database_that_serves(live, tmp_path):
    # Let the scheduler publish the seeded scheduled item first: it opens a thread, which
    # would otherwise land between the dump and the count.
    wait_for(
        lambda: (
            live.sql(
                "SELECT status FROM articles_article WHERE id = %s", live.seed["scheduled_id"]
            )[0][0]
            == "published"
        ),
        timeout=60,
        what="the scheduled item to be published",
    )
    marker = f"Written just before the backup {uuid.uuid4()}"
    browser = Browser(8150)
    assert browser.login(live.seed["members"][0], live.seed["password"]).status == 302
    reply = browser.post(
        f"/forum/threads/{live.seed['thread_id']}/reply/",
        {"body": marker, "submission_token": str(uuid.uuid4())},
    )
    assert reply.status == 302
    dump = tmp_path / "site.dump"
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/clinicalcontext"}
    _run("backup.sh", str(dump), env=env)
    subprocess.run(  # noqa: S603
        ["createdb", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "restored"],
        check=True,
    )
    restored = {**env, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{PG_PORT}/restored"}
    _run("restore.sh", str(dump), env=restored)
    original = {table: live.sql(f"SELECT count(*) FROM {table}")[0][0] for table in COUNTED}  # noqa: S608
    import psycopg

    with psycopg.connect(restored["DATABASE_URL"]) as connection:
        copy = {
            table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
            for table in COUNTED
        }
        assert (
            connection.execute(
                "SELECT count(*) FROM forum_post WHERE body = %s", (marker,)
            ).fetchone()[0]
            == 1
        )
    # The job table moves on while we count (two schedulers); everything else must match.
    assert {t: n for t, n in copy.items() if t != "clinicalcontext_jobrun"} == {
        t: n for t, n in original.items() if t != "clinicalcontext_jobrun"
    }
    # The restored database serves the site: migrations apply (nothing to do) and pages render.
    site_env = {**live.env, "DATABASE_URL": restored["DATABASE_URL"]}
    assert "No migrations to apply" in live.manage("migrate", "--no-input", env=site_env).stdout
    live.start_app("app-restored", SQLITE_APP_PORT + 1, env=site_env, workers=1)
    try:
        page = Browser(SQLITE_APP_PORT + 1).get(live.seed["thread_url"])
        assert page.status == 200 and marker in page.text
    finally:
        live.kill("app-restored")


def test_sqlite_backup_of_a_live_file_restores_whole(live, tmp_path):
    source = tmp_path / "site.sqlite3"
    env = {**live.env, "SQLITE_PATH": str(source)}
    env.pop("DATABASE_URL")
    live.manage("migrate", "--no-input", env=env)
    writer = sqlite3.connect(source)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("CREATE TABLE ops_marker (note TEXT)")
    writer.execute("INSERT INTO ops_marker VALUES ('kept')")
    writer.commit()  # committed into the write-ahead log, not yet checkpointed
    backup = tmp_path / "backup.sqlite3"
    _run("backup.sh", str(backup), env={**os.environ, "SQLITE_PATH": str(source)})
    writer.close()
    target = tmp_path / "restored.sqlite3"
    restore_env = {**os.environ, "SQLITE_PATH": str(target)}
    _run("restore.sh", str(backup), env=restore_env)
    refused = subprocess.run(  # noqa: S603
        ["bash", str(SCRIPTS / "restore.sh"), str(backup)],
        env=restore_env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert refused.returncode == 1 and "refusing to overwrite" in refused.stderr
    copy = sqlite3.connect(target)
    assert copy.execute("SELECT note FROM ops_marker").fetchall() == [("kept",)]
    assert copy.execute("SELECT count(*) FROM django_migrations").fetchone()[0] > 10
    site_env = {**env, "SQLITE_PATH": str(target)}
    assert "No migrations to apply" in live.manage("migrate", "--no-input", env=site_env).stdout
