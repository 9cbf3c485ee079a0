"""Concurrent claims: however many clinicians press "Claim" at once, exactly one wins.

Real threads, each with its own database connection, released together by a barrier. The same
test runs on SQLite (`make test`) and on PostgreSQL (DATABASE_URL=postgres://...).

On SQLite the test database is in memory with a shared cache, where a second writer fails at
once with "database table is locked" instead of waiting. Production SQLite is a file in WAL
mode with a busy timeout (settings/base.py), so on SQLite the threads meet a file copy of the
test database, opened with the project's own connection options.
"""

import sqlite3
import threading

import pytest
from django.db import connection, connections

from articles.ask_doctor import queue
from articles.models import DoctorQuestion, QuestionStatus
from tests.articles.conftest import make_question
from tests.conftest import make_clinician

# serialized_rollback: the role groups keep the permissions their migrations gave them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLINICIANS = 6
ITERATIONS = 30


@pytest.fixture
def threads_database(tmp_path, monkeypatch):
    """Call before each round: points new (thread) connections at what the threads should use."""

    def prepare():
        if connection.vendor != "sqlite":
            return
        path = tmp_path / "claims.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        # As a production database already is; switching modes needs the database to itself.
        target.execute("PRAGMA journal_mode=WAL")
        target.close()
        monkeypatch.setitem(connections.settings["default"], "NAME", str(path))

    yield prepare


def _in_threads(functions):
    """Run each function in its own thread and connection, all released at the same moment."""
    barrier = threading.Barrier(len(functions))
    results = [None] * len(functions)

    def run(index, function):
        try:
            barrier.wait(timeout=10)
            results[index] = ("ok", function())
        except queue.QueueError as error:
            results[index] = ("refused", str(error))
        except Exception as error:  # noqa: BLE001 (reported and failed below)
            results[index] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def _claimer(question_id, clinician):
    return lambda: queue.claim_question(question_id=question_id, clinician=clinician).pk


def test_exactly_one_of_several_simultaneous_claims_wins(threads_database):
    clinicians = [make_clinician() for _ in range(CLINICIANS)]
    names = {c.pk: c.clinician_profile.full_name for c in clinicians}
    for _ in range(ITERATIONS):
        question = make_question()
        threads_database()
        results = _in_threads([_claimer(question.pk, c) for c in clinicians])
        outcomes = [outcome for outcome, _ in results]
        assert "error" not in outcomes, results
        assert outcomes.count("ok") == 1, results
        assert outcomes.count("refused") == CLINICIANS - 1
        # Read back through a thread connection: the same database the claims went to.
        [(_, row)] = _in_threads(
            [
                lambda pk=question.pk: DoctorQuestion.objects.values("status", "claimed_by").get(
                    pk=pk
                )
            ]
        )
        assert row["status"] == QuestionStatus.CLAIMED
        winner = row["claimed_by"]
        assert winner in names
        assert all(names[winner] in message for outcome, message in results if outcome != "ok")
