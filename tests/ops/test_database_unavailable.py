"""A database that refuses writes: reads go on, writes get a clear 503, nothing half-written."""

import contextlib
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from forum.models import Post, Thread
from tests.conftest import make_user
from tests.forum.conftest import make_thread

# serialized_rollback: leaves the role groups and content types as migrations made them, as
# the serialized transactional tests elsewhere expect.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@contextlib.contextmanager
def read_only_database():
    """The database refuses every write, as on a read-only volume or a replica."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("SET SESSION default_transaction_read_only = on")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA query_only = OFF")
            else:
                cursor.execute("SET SESSION default_transaction_read_only = off")


@contextlib.contextmanager
def full_database():
    """The database cannot grow: SQLite at its page limit; PostgreSQL raising its disk-full
    error (SQLSTATE 53100) on the insert, as it does when the volume is full."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("VACUUM")  # no free pages left to reuse
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")
        else:
            cursor.execute(
                "CREATE FUNCTION ops_disk_full() RETURNS trigger AS $$ BEGIN "
                "RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$ "
                "LANGUAGE plpgsql"
            )
            cursor.execute(
                "CREATE TRIGGER ops_disk_full BEFORE INSERT ON forum_post "
                "FOR EACH ROW EXECUTE FUNCTION ops_disk_full()"
            )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute("PRAGMA max_page_count = 1073741823")
            else:
                cursor.execute("DROP TRIGGER ops_disk_full ON forum_post")
                cursor.execute("DROP FUNCTION ops_disk_full()")


def _member_client(member):
    browser = Client(raise_request_exception=False)
    browser.force_login(member)
    return browser


def _reply(browser, thread, body):
    return browser.post(
        reverse("forum:thread-reply", args=[thread.pk]),
        {"body": body, "submission_token": str(uuid.uuid4())},
    )


@pytest.mark.parametrize("refusal", [read_only_database, full_database])
def test_reads_work_and_a_refused_reply_is_a_503_that_gives_the_text_back(refusal):
    thread = make_thread(replies=3)
    browser = _member_client(make_user())
    posts_before = Post.objects.count()
    body = "My reply, typed carefully, about how the new dose went. " * 40
    with refusal():
        assert browser.get(reverse("home")).status_code == 200
        assert browser.get(thread.get_absolute_url()).status_code == 200  # a member reads
        assert Client().get(thread.get_absolute_url()).status_code == 200
        response = _reply(browser, thread, body)
    assert response.status_code == 503
    page = response.content.decode()
    assert "We could not save that just now" in page
    assert "nothing was saved" in page
    assert body.strip()[:60] in page  # the text comes back to copy
    assert "csrfmiddlewaretoken" not in page and "submission_token" not in page
    assert response["Retry-After"] == "60"
    assert "Content-Security-Policy" in response
    assert Post.objects.count() == posts_before  # nothing half-written
    assert Thread.objects.get(pk=thread.pk).reply_count == thread.reply_count
    # Once the database takes writes again, the same reply goes through.
    assert _reply(browser, thread, body).status_code == 302
    assert Post.objects.count() == posts_before + 1


def test_a_refused_new_thread_leaves_neither_thread_nor_post():
    from tests.forum.conftest import make_category

    category = make_category()
    browser = _member_client(make_user())
    threads, posts = Thread.objects.count(), Post.objects.count()
    with read_only_database():
        response = browser.post(
            reverse("forum:thread-new"),
            {
                "category": category.pk,
                "title": "Side effects in the first month",
                "body": "What should I watch for in the first month?",
                "submission_token": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 503
    assert "Side effects in the first month" in response.content.decode()
    assert (Thread.objects.count(), Post.objects.count()) == (threads, posts)


def test_a_read_that_fails_is_a_503_not_a_500(monkeypatch):
    from django.db import OperationalError

    import clinicalcontext.views as site_views

    def broken(*args, **kwargs):
        raise OperationalError("unable to open database file")

    monkeypatch.setattr(site_views, "render", broken)
    response = Client(raise_request_exception=False).get(reverse("home"))
    assert response.status_code == 503
    assert "This page is unavailable for a moment" in response.content.decode()


def test_other_errors_stay_500(monkeypatch):
    import clinicalcontext.views as site_views

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(site_views, "render", broken)
    response = Client(raise_request_exception=False).get(reverse("home"))
    assert response.status_code == 500
