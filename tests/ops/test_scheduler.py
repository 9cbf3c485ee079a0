"""The scheduler runs each job once per period, however many schedulers run at once."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils.module_loading import import_string

from clinicalcontext import scheduler
from clinicalcontext.models import JobOutcome, JobRun

pytestmark = pytest.mark.django_db

CALLS: list[str] = []


def count_call():
    CALLS.append("counted")
    return 3


def fail():
    raise RuntimeError("private detail that must not be stored")


@pytest.fixture(autouse=True)
def _calls():
    CALLS.clear()
    yield
    CALLS.clear()


JOBS = [("tests.ops.test_scheduler.count_call", 60)]


@override_settings(SCHEDULED_JOBS=JOBS)
def test_two_schedulers_in_the_same_period_run_the_job_once():
    now = 1_800_000_000.0
    first = scheduler.run_due(host="host-a", seen={}, now=now)
    second = scheduler.run_due(host="host-b", seen={}, now=now + 5)
    assert len(first) == 1 and second == []
    assert CALLS == ["counted"]
    run = JobRun.objects.get()
    assert (run.host, run.outcome, run.period) == ("host-a", JobOutcome.DONE, int(now // 60))
    assert run.finished_at is not None


@override_settings(SCHEDULED_JOBS=JOBS)
def test_the_next_period_runs_again_on_whichever_host_gets_there_first():
    now = 1_800_000_000.0
    seen_a, seen_b = {}, {}
    scheduler.run_due(host="host-a", seen=seen_a, now=now)
    assert scheduler.run_due(host="host-a", seen=seen_a, now=now + 1) == []  # same period
    later = scheduler.run_due(host="host-b", seen=seen_b, now=now + 60)
    assert [run.host for run in later] == ["host-b"]
    assert len(CALLS) == 2


@override_settings(SCHEDULED_JOBS=[("tests.ops.test_scheduler.fail", 60), *JOBS])
def test_a_failing_job_is_recorded_and_does_not_stop_the_others():
    runs = scheduler.run_due(host="h", seen={}, now=1_800_000_000.0)
    assert [run.outcome for run in runs] == [JobOutcome.FAILED, JobOutcome.DONE]
    assert runs[0].error == "RuntimeError"  # the class, not the message
    assert CALLS == ["counted"]


@override_settings(SCHEDULED_JOBS=JOBS)
def test_run_scheduler_once_runs_what_is_due():
    out = io.StringIO()
    call_command("run_scheduler", "--once", "--host", "cli", stdout=out)
    assert "tests.ops.test_scheduler.count_call: done" in out.getvalue()
    call_command("run_scheduler", "--once", "--host", "cli-2", stdout=io.StringIO())
    assert CALLS == ["counted"]


@override_settings(SCHEDULED_JOBS=JOBS)
def test_the_loop_stops_when_asked(monkeypatch):
    # Closing connections between ticks would end the test's own transaction on PostgreSQL.
    monkeypatch.setattr(scheduler, "close_old_connections", lambda: None)
    ticks = iter([False, False, True])
    scheduler.run_forever(host="loop", tick=0, should_stop=lambda: next(ticks))
    assert CALLS == ["counted"]


def test_every_configured_job_exists_and_takes_no_arguments():
    from django.conf import settings

    for path, seconds in settings.SCHEDULED_JOBS:
        job = import_string(path)
        assert callable(job) and seconds > 0, path
    paths = [path for path, _ in settings.SCHEDULED_JOBS]
    assert "articles.publishing.publish_due" in paths
    assert "articles.ask_doctor.queue.release_stale_claims" in paths


def test_the_default_jobs_run(django_capture_on_commit_callbacks):
    runs = scheduler.run_due(host="h", seen={})
    assert {run.outcome for run in runs} == {JobOutcome.DONE}
    assert len(runs) == len(scheduler.scheduled_jobs())


def test_old_runs_are_pruned():
    from datetime import timedelta

    from django.utils import timezone

    old = JobRun.objects.create(job="a", period=1, host="h")
    JobRun.objects.filter(pk=old.pk).update(started_at=timezone.now() - timedelta(days=8))
    JobRun.objects.create(job="a", period=2, host="h")
    assert scheduler.prune_job_runs() == 1
    assert list(JobRun.objects.values_list("period", flat=True)) == [2]
