"""Private canaries: things some people must never find, each carrying a unique word, searched
for as every role, through search() and through the page. Runs on SQLite and on PostgreSQL."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.utils import timezone

from accounts.models import VerificationStatus
from articles.models import ArticleStatus, MessageKind, QuestionMessage, QuestionStatus, Visibility
from forum import posting
from forum.models import Post
from search.query import search, suggest
from search.schema import CODE_SPAN, KIND_CODES
from tests.articles.conftest import make_question
from tests.conftest import make_clinician, make_editor, make_moderator, make_user

from .conftest import make_article, make_category, make_faq, make_thread, reply

pytestmark = pytest.mark.django_db

NOBODY = "nobodycanary"  # in things no one may ever find through search
CLINICIANS = "cliniciancanary"  # in the clinicians-only room: verified clinicians and moderators
# In a publishable answered question never promoted to a FAQ: found by those its page admits
# (the asker, queue clinicians, staff chosen to open questions), by nobody else.
PUBLISHABLE = "publishablecanary"

ROLES = {
    "anonymous": lambda: AnonymousUser(),
    "patient": lambda: make_user(),
    "unverified email": lambda: make_user(verified=False),
    "revoked clinician": lambda: make_clinician(status=VerificationStatus.REVOKED),
    "pending clinician": lambda: make_clinician(status=VerificationStatus.PENDING),
    "editor": lambda: make_editor(),
    "clinician": lambda: make_clinician(),
    "clinician without MFA": lambda: make_clinician(mfa=False),
    "moderator": lambda: make_moderator(),
    "superuser": lambda: make_user(is_superuser=True, is_staff=True, mfa=True),
}
SEES_CLINICIAN_ROOMS = {"clinician", "clinician without MFA", "moderator", "superuser"}
OPENS_QUESTIONS = {"clinician", "superuser"}  # queue clinicians (MFA) and chosen staff


@pytest.fixture
def canaries():
    asker = make_user()
    item = make_article(title="Public item about willowbark")
    # Ask the doctor: private (waiting, and answered), publishable but not answered, publishable
    # answered but not promoted (its follow-up messages are never indexed).
    make_question(article=item, asker=asker, body=f"My {NOBODY} question, private.")
    private = make_question(
        article=item, asker=asker, status=QuestionStatus.ANSWERED, body=f"Private {NOBODY}."
    )
    private.answer.body = f"A private answer mentioning {NOBODY}."
    private.answer.save()
    make_question(
        article=item,
        asker=asker,
        status=QuestionStatus.CLAIMED,
        visibility=Visibility.PUBLISHABLE,
        body=f"Publishable {NOBODY} question not answered yet.",
    )
    answered = make_question(
        article=item,
        asker=asker,
        status=QuestionStatus.ANSWERED,
        visibility=Visibility.PUBLISHABLE,
        body=f"Publishable {PUBLISHABLE} question never promoted.",
    )
    answered.answer.body = f"An answer mentioning {PUBLISHABLE}."
    answered.answer.save()
    QuestionMessage.objects.create(
        question=answered, author=asker, kind=MessageKind.FOLLOW_UP, body=f"More {NOBODY}."
    )
    # Items readers cannot reach, and the FAQ of one.
    for status in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW):
        draft = make_article(title=f"Draft {NOBODY}", status=status, summary=NOBODY)
    make_faq(article=draft, question=f"{NOBODY} entry?", answer=NOBODY)
    make_article(
        title=f"Scheduled {NOBODY}",
        status=ArticleStatus.SCHEDULED,
        published_at=timezone.now() + timedelta(days=2),
    )
    # Forum: a hidden post, a post its author removed, an edited-away word.
    thread = make_thread(title="Public willowbark talk")
    hidden = reply(thread, body=f"Hidden {NOBODY} post.")
    Post.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now(), hidden_reason="identifier")
    removed = reply(thread, body=f"Removed {NOBODY} post.")
    posting.remove_own_post(author=removed.author, post=removed)
    edited = reply(thread, body=f"Soon edited {NOBODY}.")
    posting.edit_post(editor=edited.author, post=edited, body="Edited.", expected_version=1)
    # The clinicians-only room.
    room = make_category(clinicians_only=True)
    closed = make_thread(
        category=room, author=make_clinician(), title=f"Case talk {CLINICIANS}", body=CLINICIANS
    )
    reply(closed, author=make_clinician(), body=f"Reply {CLINICIANS}.")
    # One public thing with both words' neighbour, so that a search does find *something*.
    make_faq(article=item, question="Is willowbark like aspirin?", answer="In part.")
    return asker


@pytest.mark.parametrize("role", ROLES)
def test_no_role_ever_finds_private_questions_hidden_posts_or_drafts(canaries, role):
    viewer = ROLES[role]()
    assert search(NOBODY, viewer=viewer).hits == []
    assert search(f'"{NOBODY}"', viewer=viewer).total == 0
    assert suggest(f"{NOBODY} {NOBODY}", viewer=viewer) == []
    assert search("willowbark", viewer=viewer).total == 3  # the item, its FAQ entry, the thread


@pytest.mark.parametrize("role", ROLES)
def test_a_publishable_answered_question_is_found_by_those_its_page_admits(client, canaries, role):
    viewer = ROLES[role]()
    results = search(PUBLISHABLE, viewer=viewer)
    suggested = suggest(f"is {PUBLISHABLE} safe", viewer=viewer)
    if role not in OPENS_QUESTIONS:
        assert results.total == 0 and results.hits == [] and suggested == []
        return
    [hit] = results.hits
    assert results.total == 1 and hit.kind == "question" and [h.url for h in suggested] == [hit.url]
    assert f"<mark>{PUBLISHABLE}</mark>" in hit.snippet  # the question's or the answer's words
    client.force_login(viewer)
    assert client.get(hit.url).status_code == 200  # the page agrees: this viewer may open it


def test_the_asker_finds_their_own_publishable_question_and_another_patient_does_not(canaries):
    asker = canaries
    [hit] = search(PUBLISHABLE, viewer=asker).hits
    assert hit.context.startswith("Your question")
    assert search(PUBLISHABLE, viewer=make_user()).total == 0
    assert search(NOBODY, viewer=asker).total == 0  # their private questions: never


@pytest.mark.parametrize("role", ROLES)
def test_clinicians_only_room_is_found_only_by_those_who_may_enter_it(canaries, role):
    viewer = ROLES[role]()
    results = search(CLINICIANS, viewer=viewer)
    if role in SEES_CLINICIAN_ROOMS:
        assert {hit.kind for hit in results.hits} == {"thread", "post"}
        assert results.total == 3  # the thread's title, its opening post, the reply
    else:
        assert results.total == 0 and results.hits == []


@pytest.mark.parametrize("role", ["anonymous", "patient", "clinician", "moderator"])
def test_the_page_shows_no_canary(client, canaries, role):
    viewer = ROLES[role]()
    if viewer.is_authenticated:
        client.force_login(viewer)
    response = client.get("/search/", {"q": NOBODY})
    assert response.status_code == 200
    assert "0 results" in response.text and "search-hit" not in response.text
    response = client.get("/search/", {"q": CLINICIANS})
    if role in SEES_CLINICIAN_ROOMS:
        assert "3 results" in response.text and response.text.count('class="search-hit ') == 3
    else:
        assert "0 results" in response.text and "search-hit" not in response.text


def _plant_stale_entry(kind: str, object_id: int, text: str) -> None:
    """Write an index row by hand, as a stale or broken index might hold it."""
    entry_id = object_id * CODE_SPAN + KIND_CODES[kind]
    columns = "rowid, id" if connection.vendor == "sqlite" else "id"
    values = "%s, %s" if connection.vendor == "sqlite" else "%s"
    ids = [entry_id, entry_id] if connection.vendor == "sqlite" else [entry_id]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_entry WHERE id = %s", [entry_id])
        insert = f"INSERT INTO search_entry ({columns}, kind, object_id, title, body) "  # noqa: S608
        cursor.execute(insert + f"VALUES ({values}, %s, %s, '', %s)", [*ids, kind, object_id, text])


def test_visibility_never_depends_on_the_index_being_fresh():
    hidden = reply(make_thread(), body="Hidden words.")
    Post.objects.filter(pk=hidden.pk).update(hidden_at=timezone.now())
    _plant_stale_entry("post", hidden.pk, f"stale {NOBODY}")
    draft = make_article(status=ArticleStatus.DRAFT)
    _plant_stale_entry("item", draft.pk, f"stale {NOBODY}")
    room = make_category(clinicians_only=True)
    closed = make_thread(category=room, author=make_clinician())
    _plant_stale_entry("thread", closed.pk, f"stale {NOBODY}")
    _plant_stale_entry("post", 10**9, f"stale {NOBODY}")  # a row whose source is gone
    for role in ("anonymous", "patient", "editor"):
        assert search(NOBODY, viewer=ROLES[role]()).total == 0
    assert search(NOBODY, viewer=make_clinician()).total == 1  # only the room they may enter
