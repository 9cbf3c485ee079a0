"""gunicorn's access and error lines in the app's JSON (clinicalcontext/gunicorn_log.py)."""

import io
import json
import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

from clinicalcontext.gunicorn_log import GunicornLogger


@pytest.fixture
def logger(monkeypatch):
    monkeypatch.setenv("LOG_FORMAT", "json")
    config = Config()
    config.set("accesslog", "-")
    gunicorn_logger = GunicornLogger(config)
    streams = {}
    for name, log in (("error", gunicorn_logger.error_log), ("access", gunicorn_logger.access_log)):
        handler = next(h for h in log.handlers if getattr(h, "_gunicorn", False))
        handler.setStream(streams.setdefault(name, io.StringIO()))
    yield gunicorn_logger, streams
    for log in (gunicorn_logger.error_log, gunicorn_logger.access_log):
        log.handlers = [h for h in log.handlers if not getattr(h, "_gunicorn", False)]


def test_an_access_line_is_json_with_the_request_id_and_no_query_string(logger):
    gunicorn_logger, streams = logger
    response = SimpleNamespace(
        status="200 OK",
        sent=5120,
        headers=[("Content-Type", "text/html"), ("X-Request-ID", "r1d2e3f4a5")],
    )
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/accounts/confirm-email/MQ:1abcdefghijklmnop/",
        "QUERY_STRING": "q=my+private+diagnosis",
        "RAW_URI": "/accounts/confirm-email/MQ:1abcdefghijklmnop/?q=my+private+diagnosis",
        "REMOTE_ADDR": "203.0.113.9",
        "HTTP_COOKIE": "sessionid=secret",
    }
    gunicorn_logger.access(response, None, environ, timedelta(milliseconds=12.5))
    line = streams["access"].getvalue().strip()
    entry = json.loads(line)
    assert entry["logger"] == "gunicorn.access" and entry["level"] == "INFO"
    assert entry["request_id"] == "r1d2e3f4a5"
    assert entry["http"] == {
        "method": "GET",
        "path": "/accounts/confirm-email/[redacted]/",
        "status": 200,
        "bytes": 5120,
        "duration_ms": 12.5,
        "client": "203.0.113.9",
        "worker": entry["http"]["worker"],
    }
    assert "private" not in line and "secret" not in line and "MQ:1abc" not in line


def test_error_lines_are_json_too(logger):
    gunicorn_logger, streams = logger
    gunicorn_logger.error("Worker (pid:%s) was sent SIGKILL! Perhaps out of memory?", 4242)
    entry = json.loads(streams["error"].getvalue().strip())
    assert entry["logger"] == "gunicorn.error" and entry["level"] == "ERROR"
    assert entry["request_id"] == "-" and "4242" in entry["message"]
    assert logging.getLogger("gunicorn.error").propagate is False
