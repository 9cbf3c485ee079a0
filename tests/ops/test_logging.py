"""Log lines carry time, level, logger and request id; private text and tokens never appear."""

import io
import json
import logging
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles.models import DoctorQuestion
from clinicalcontext.log import JsonFormatter, RequestContextFilter, TextFormatter, redact
from tests.conftest import make_article, make_user
from tests.ops.test_database_unavailable import read_only_database

MARKER = "Zq7 my private diagnosis of hepatitis and my dose of 40 mg"
TIMESTAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"


@pytest.fixture
def site_log():
    """Everything the site logs, formatted as production formats it (text and JSON)."""
    text, lines = io.StringIO(), io.StringIO()
    handlers = []
    for stream, formatter in ((text, TextFormatter()), (lines, JsonFormatter())):
        handler = logging.StreamHandler(stream)
        handler.setFormatter(formatter)
        handler.addFilter(RequestContextFilter())
        handlers.append(handler)
    root = logging.getLogger()
    old_level = root.level
    root.setLevel(logging.DEBUG)
    for handler in handlers:
        root.addHandler(handler)
    yield text, lines
    for handler in handlers:
        root.removeHandler(handler)
    root.setLevel(old_level)


@pytest.mark.django_db
def test_a_text_line_has_time_level_logger_and_the_request_id(client, site_log):
    text, _ = site_log
    response = client.get("/no/such/page/")
    request_id = response["X-Request-ID"]
    line = text.getvalue().strip().splitlines()[-1]
    assert re.match(rf"^{TIMESTAMP} WARNING django\.request \[{request_id}\] Not Found: ", line)


@pytest.mark.django_db
def test_json_lines_parse_and_carry_the_same_fields(client, site_log):
    _, lines = site_log
    response = client.get("/no/such/page/")
    entry = json.loads(lines.getvalue().strip().splitlines()[-1])
    assert entry["level"] == "WARNING" and entry["logger"] == "django.request"
    assert entry["request_id"] == response["X-Request-ID"]
    assert re.match(TIMESTAMP, entry["time"]) and entry["status"] == 404


def test_redaction_of_tokens_queries_and_row_values():
    assert redact("Not Found: /accounts/confirm-email/MjA:1t2x:abc/") == (
        "Not Found: /accounts/confirm-email/[redacted]/"
    )
    assert redact("GET /accounts/password/reset/key/3x-abc123/") == (
        "GET /accounts/password/reset/key/[redacted]/"
    )
    assert redact("Bad request: /search/?q=my+hiv+results") == "Bad request: /search/?[redacted]"
    assert redact("session 9f8e7d6c5b4a39281706f5e4d3c2b1a0 gone") == "session [token] gone"
    assert redact("token=abc password=hunter2") == "token=[redacted] password=[redacted]"
    detail = "duplicate key\nDETAIL:  Key (email)=(ann@example.com) already exists."
    assert "ann@example.com" not in redact(detail)
    # Ordinary words and numbers stay readable.
    assert redact("scheduled job articles.publishing.publish_due done in 12 ms") == (
        "scheduled job articles.publishing.publish_due done in 12 ms"
    )


@pytest.mark.django_db
def test_sql_is_never_logged_even_at_debug(site_log):
    text, _ = site_log
    connection.force_debug_cursor = True
    try:
        DoctorQuestion.objects.filter(body=MARKER).exists()
    finally:
        connection.force_debug_cursor = False
    assert MARKER not in text.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_private_question_refused_by_the_database_leaves_no_trace_in_the_log(site_log):
    text, lines = site_log
    article = make_article()
    asker = Client(raise_request_exception=False)
    asker.force_login(make_user())
    form = {
        "body": MARKER,
        "conditions": "hepatitis C",
        "medicines": "Zq7 sofosbuvir",
        "visibility": "private",
    }
    with read_only_database():
        response = asker.post(reverse("articles:ask-doctor-ask", args=[article.number]), form)
    assert response.status_code == 503
    assert MARKER in response.content.decode()  # given back to the asker only
    logged = text.getvalue() + lines.getvalue()
    assert "Internal Server Error: /articles/" in logged  # the failure itself is logged …
    assert MARKER not in logged and "Zq7" not in logged  # … without what was being written
    assert not DoctorQuestion.objects.exists()


@pytest.mark.django_db
def test_the_health_report_is_not_logged(client, site_log):
    text, _ = site_log
    client.get(reverse("health"))
    assert '"checks"' not in text.getvalue() and "age_s" not in text.getvalue()
