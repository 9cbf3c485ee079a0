"""/health/ says which dependency is down and answers 503; /health/live/ touches nothing."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from clinicalcontext import health
from clinicalcontext.models import JobRun
from tests.ops.test_cache_fallback import _closed_port, _redis_settings

pytestmark = pytest.mark.django_db

DB_WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _task(*, path=health.HEARTBEAT_PATH, status="SUCCESSFUL", age=0, **fields):
    moment = timezone.now() - timedelta(seconds=age)
    row = DBTaskResult.objects.create(
        task_path=path,
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=fields.pop("run_after", moment),
        finished_at=moment if status == "SUCCESSFUL" else None,
        **fields,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(enqueued_at=moment)
    return row


def _scheduler_ran(age=0):
    run = JobRun.objects.create(job="x", period=1, host="h")
    JobRun.objects.filter(pk=run.pk).update(started_at=timezone.now() - timedelta(seconds=age))


def test_healthy_site_answers_200_with_each_check(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] and body["checks"]["cache"]["ok"]
    assert response["Cache-Control"].startswith("max-age=0")


def test_database_down_is_503(client):
    with mock.patch.object(health, "check_database", side_effect=OperationalError("gone")):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == {
        "ok": False,
        "error": "OperationalError",
        "ms": response.json()["checks"]["database"]["ms"],
    }
    assert "gone" not in response.content.decode()  # class names only, never messages


def test_cache_down_is_503(client):
    with override_settings(CACHES=_redis_settings(_closed_port())):
        response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False
    assert response.json()["checks"]["database"]["ok"] is True


@override_settings(TASKS=DB_WORKER)
def test_worker_with_a_recent_heartbeat_and_no_backlog_is_ready(client):
    _task(age=20)
    _scheduler_ran(age=10)
    response = client.get(reverse("health"))
    checks = response.json()["checks"]
    assert response.status_code == 200, checks
    assert checks["worker"]["ok"] and checks["queue"]["ok"] and checks["scheduler"]["ok"]
    assert 19 <= checks["worker"]["age_s"] <= 60


@override_settings(TASKS=DB_WORKER, HEALTH_WORKER_MAX_AGE=180)
def test_a_stale_heartbeat_means_the_worker_is_down(client):
    _task(age=400)
    _scheduler_ran()
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["worker"]["ok"] is False


@override_settings(TASKS=DB_WORKER)
def test_no_heartbeat_ever_means_the_worker_is_down(client):
    _scheduler_ran()
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == {
        "ok": False,
        "age_s": None,
        "ms": response.json()["checks"]["worker"]["ms"],
    }


@override_settings(TASKS=DB_WORKER, HEALTH_QUEUE_MAX_LAG=300)
def test_a_task_waiting_too_long_is_queue_lag(client):
    _task(age=5)
    _scheduler_ran()
    _task(path="notifications.tasks.send", status="READY", age=900)
    _task(path="notifications.tasks.send", status="READY", age=0)
    response = client.get(reverse("health"))
    queue = response.json()["checks"]["queue"]
    assert response.status_code == 503
    assert queue["ok"] is False and queue["waiting"] == 2 and queue["lag_s"] >= 899


@override_settings(TASKS=DB_WORKER)
def test_a_task_due_later_is_not_lag(client):
    _task(age=5)
    _scheduler_ran()
    _task(path="x.y", status="READY", age=900, run_after=timezone.now() + timedelta(hours=1))
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["checks"]["queue"]["waiting"] == 0


@override_settings(TASKS=DB_WORKER, HEALTH_SCHEDULER_MAX_AGE=180)
def test_a_silent_scheduler_is_503(client):
    _task(age=5)
    _scheduler_ran(age=600)
    response = client.get(reverse("health"))
    assert response.status_code == 503
    assert response.json()["checks"]["scheduler"]["ok"] is False


def test_liveness_checks_nothing(client, django_assert_num_queries):
    with override_settings(CACHES=_redis_settings(_closed_port())), django_assert_num_queries(0):
        response = client.get(reverse("health-live"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@override_settings(TASKS=DB_WORKER)
def test_enqueue_heartbeat_queues_one_and_forgets_old_ones():
    _task(age=4 * 3600)
    health.enqueue_heartbeat()
    rows = DBTaskResult.objects.filter(task_path=health.HEARTBEAT_PATH)
    assert [row.status for row in rows] == ["READY"]
