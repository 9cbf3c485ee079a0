"""Log lines: timestamp, level, logger and request id; as text, or as JSON (`LOG_FORMAT=json`).

What must never reach a log (health information, tokens) is kept out in three ways:
- SQL is never logged (`django.db.backends` records carry query parameters: user text);
- every formatted line, traceback included, goes through `redact()`: query strings (a search can
  be about someone's health), the secret parts of confirmation, reset and unsubscribe links,
  anything shaped like a session key or token, and PostgreSQL's DETAIL lines (row values);
- our own code logs identifiers (ids, class names), never user text; tests/ops/test_logging.py
  drives the private-question paths with a marker and checks no output carries it.
"""

import json
import logging
import re
from datetime import UTC, datetime

from .request_context import request_id_var

_REDACTIONS = [
    # Links that carry a secret in the path.
    (re.compile(r"(/(?:confirm-email|key|unsubscribe)/)[^/\s\"'?]+"), r"\1[redacted]"),
    # Query strings: a search, a next= or a token parameter may all be private.
    (re.compile(r"(/[^\s\"'?]*)\?[^\s\"']*"), r"\1?[redacted]"),
    # Anything shaped like a token or session key (long runs of letters and digits).
    (re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[A-Za-z0-9_-]{32,}\b"), "[token]"),
    # PostgreSQL's error detail repeats the row's values.
    (re.compile(r"^\s*DETAIL:.*$", re.MULTILINE), "DETAIL: [redacted]"),
    (re.compile(r"(?i)\b(password|secret|token|sessionid|csrftoken)=\S+"), r"\1=[redacted]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RequestContextFilter(logging.Filter):
    """Adds the request id; drops SQL logging, whose parameters are user text."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.db.backends"):
            return False
        # A record may name its request itself (gunicorn's access line, written after the request).
        record.request_id = getattr(record, "request_id", None) or request_id_var.get()
        return True


def _timestamp(record: logging.LogRecord) -> str:
    moment = datetime.fromtimestamp(record.created, tz=UTC)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class TextFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        request_id = getattr(record, "request_id", "-")
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return f"{_timestamp(record)} {record.levelname} {record.name} [{request_id}] " + redact(
            text
        )


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": _timestamp(record),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": redact(record.getMessage()),
        }
        if status := getattr(record, "status_code", None):
            entry["status"] = status
        if http := getattr(record, "http", None):  # gunicorn's access line
            entry["http"] = http
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
