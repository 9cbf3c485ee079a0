"""The index follows its sources on every path, including QuerySet.update() and bulk_create(),
and never holds the text of a hidden or removed post. Runs on SQLite and on PostgreSQL."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.ask_doctor import asking, queue
from articles.models import (
    Article,
    DoctorAnswer,
    DoctorQuestion,
    FAQItem,
    QuestionStatus,
    Visibility,
)
from forum import posting
from forum.models import Post, Thread
from search import schema
from search.models import SearchEntry
from search.query import search
from search.schema import CODE_SPAN, KIND_CODES
from tests.articles.conftest import make_question

from .conftest import make_article, make_faq, make_thread, reply

pytestmark = pytest.mark.django_db
S = QuestionStatus


def found(word, **kwargs) -> set[tuple[str, int]]:
    results = search(word, viewer=AnonymousUser(), **kwargs)
    return {(hit.kind, hit.object_id) for hit in results.hits}


def indexed(kind, object_id) -> str | None:
    entry = SearchEntry.objects.filter(kind=kind, object_id=object_id).values("title", "body")
    row = entry.first()
    return None if row is None else f"{row['title']} {row['body']}"


def test_each_kind_is_indexed_when_created():
    article = make_article(title="Zephyrine trial", summary="Adults took zephyrine daily.")
    faq = make_faq(article=article, question="Is zephyrine safe?", answer="Mostly.")
    thread = make_thread(title="Zephyrine and me", body="My zephyrine story.")
    post = reply(thread, body="Zephyrine worked for me too.")
    assert found("zephyrine") == {
        ("item", article.pk),
        ("qa", faq.pk),
        ("thread", thread.pk),
        ("post", thread.posts.get(path="000000").pk),
        ("post", post.pk),
    }


def test_queryset_update_reindexes_and_forgets_the_old_text():
    post = reply(make_thread(), body="Quillwort tea at night.")
    Post.objects.filter(pk=post.pk).update(body="Nothing to see now.")
    assert found("quillwort") == set()
    assert "quillwort" not in indexed("post", post.pk).lower()
    Article.objects.filter(pk=make_article().pk).update(title="Brindlemoss review")
    assert {kind for kind, _ in found("brindlemoss")} == {"item"}
    Thread.objects.filter(pk=post.thread_id).update(title="Talking brindlemoss")
    assert ("thread", post.thread_id) in found("brindlemoss")
    FAQItem.objects.filter(pk=make_faq().pk).update(answer="Brindlemoss is fine.")
    assert {kind for kind, _ in found("brindlemoss")} == {"item", "thread", "qa"}


def test_bulk_created_rows_are_indexed():
    thread = make_thread()
    Post.objects.bulk_create(
        Post(thread=thread, author=thread.author, path=f"{i:06d}", depth=1, body="Larkspurine")
        for i in range(1, 4)
    )
    assert len(found("larkspurine")) == 3


def test_counters_changing_do_not_touch_the_entry():
    post = reply(make_thread(), body="Sorrelwood helps.")
    Post.objects.filter(pk=post.pk).update(helpful_count=5)
    assert indexed("post", post.pk).strip() == "Sorrelwood helps."


def test_hidden_and_removed_posts_leave_the_index_and_a_restored_one_returns():
    hidden = reply(make_thread(), body="Marrowfen canary.")
    removed = reply(make_thread(), body="Marrowfen canary too.")
    Post.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now(), hidden_reason="x")
    posting.remove_own_post(author=removed.author, post=removed)
    assert indexed("post", hidden.pk) is None
    assert indexed("post", removed.pk) is None
    assert found("marrowfen") == set()
    Post.objects.filter(pk=hidden.pk).update(hidden_at=None, hidden_reason="")
    assert found("marrowfen") == {("post", hidden.pk)}


def test_deleting_a_source_deletes_its_entry():
    article = make_article(title="Tansyleaf note")
    faq = make_faq(article=article, answer="Tansyleaf answer.")
    article.delete()  # cascades to the FAQ entry
    assert indexed("item", article.pk) is None
    assert indexed("qa", faq.pk) is None


def test_reindex_command_rebuilds_the_index_from_the_sources():
    article = make_article(title="Yarrowin dosing")
    SearchEntry.objects.all().delete()
    assert found("yarrowin") == set()
    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert found("yarrowin") == {("item", article.pk)}


def test_a_leftover_row_in_a_new_rows_slot_is_replaced_not_kept_or_fatal():
    post = reply(make_thread(), body="Original words.")
    next_id = post.pk + 1
    with connection.cursor() as cursor:
        entry_id = next_id * CODE_SPAN + KIND_CODES["post"]
        columns, ids = ("rowid, id", [entry_id, entry_id])
        if connection.vendor != "sqlite":
            columns, ids = ("id", [entry_id])
        marks = ", ".join(["%s"] * len(ids))
        insert = f"INSERT INTO search_entry ({columns}, kind, object_id, title, body) "  # noqa: S608
        cursor.execute(insert + f"VALUES ({marks}, 'post', %s, '', 'leftover')", [*ids, next_id])
    newer = reply(post.thread, body="Fresh words.")
    assert newer.pk == next_id
    assert indexed("post", newer.pk).strip() == "Fresh words."


# Publishable answered questions: indexed with their answer through the services, never private.


def _publishable(**fields):
    return make_question(visibility=Visibility.PUBLISHABLE, status=S.CLAIMED, **fields)


def test_a_publishable_question_is_indexed_when_answered_with_its_answer_and_follows_edits():
    question = _publishable(body="Does marshwort help?")
    assert indexed("question", question.pk) is None  # not answered yet
    queue.answer_question(
        question_id=question.pk, clinician=question.claimed_by, body="Marshwort rarely helps."
    )
    assert "Does marshwort help?" in indexed("question", question.pk)
    assert "rarely helps" in indexed("question", question.pk)
    queue.edit_answer(
        question_id=question.pk, clinician=question.claimed_by, body="Marshwort: ask a pharmacist."
    )
    text = indexed("question", question.pk)
    assert "ask a pharmacist" in text and "rarely helps" not in text
    question.refresh_from_db()
    asking.close_question(question=question, user=question.asker)
    assert "ask a pharmacist" in indexed("question", question.pk)  # closed still carries it


def test_private_questions_are_never_indexed_answered_or_not():
    private = make_question(status=S.CLAIMED, body="Private marshwort worry.")
    queue.answer_question(question_id=private.pk, clinician=private.claimed_by, body="Answer.")
    assert indexed("question", private.pk) is None
    DoctorAnswer.objects.filter(question=private).update(body="Edited private answer.")
    assert indexed("question", private.pk) is None


def test_a_question_that_stops_being_answered_or_publishable_or_exists_leaves_the_index():
    question = make_question(visibility=Visibility.PUBLISHABLE, status=S.ANSWERED)
    assert indexed("question", question.pk) is not None
    DoctorQuestion.objects.filter(pk=question.pk).update(visibility=Visibility.PRIVATE)
    assert indexed("question", question.pk) is None
    DoctorQuestion.objects.filter(pk=question.pk).update(visibility=Visibility.PUBLISHABLE)
    assert indexed("question", question.pk) is not None
    question.asker.delete()  # account deletion cascades to the questions and answers
    assert indexed("question", question.pk) is None


def test_the_reindex_command_includes_publishable_answered_questions():
    question = make_question(visibility=Visibility.PUBLISHABLE, status=S.ANSWERED)
    make_question(status=S.ANSWERED)  # private
    SearchEntry.objects.all().delete()
    call_command("search_reindex", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert set(SearchEntry.objects.filter(kind="question").values_list("object_id", flat=True)) == {
        question.pk
    }


def test_every_trigger_of_the_current_index_version_is_installed():
    """On SQLite, a migration that rebuilds a source table drops its triggers: this fails then."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        installed = {name for (name,) in cursor.fetchall()}
    expected = {
        statement.split()[2]
        for statement in schema.install_triggers(connection)
        if statement.startswith("CREATE TRIGGER")
    }
    assert expected and expected <= installed
