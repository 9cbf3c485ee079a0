"""Issue 9 in ask the doctor: crisis screening of what askers write, urgent cards with excerpts,
the access log of listed excerpts, and the identical-question check."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import VerificationStatus
from articles.ask_doctor import asking, queue
from articles.ask_doctor.asking import IdenticalQuestion
from articles.ask_doctor.signals import question_flagged_crisis
from articles.models import DoctorQuestion, QuestionAccessLog, QuestionStatus, Visibility
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_clinician, make_moderator, make_user

pytestmark = pytest.mark.django_db
S = QuestionStatus
QUEUE = reverse("articles:ask-doctor-queue")
IN_DANGER = "I think about ending my life. Does this medicine make that worse?"
NOT_IN_DANGER = [
    "The trial excluded people with suicidal thoughts: does it apply to me?",
    "My father died of an overdose in 2015. Is this drug safe for me?",
    "What are the signs of a stroke?",
]


@pytest.fixture
def flagged():
    """Every question_flagged_crisis sent during the test, as its keyword arguments."""
    sent = []

    def receiver(**kwargs):
        sent.append(kwargs)

    question_flagged_crisis.connect(receiver)
    yield sent
    question_flagged_crisis.disconnect(receiver)


def _ask(body, *, asker=None, **fields):
    return asking.ask_question(
        asker=asker or make_user(), article=make_article(), body=body, **fields
    )


def test_a_question_in_crisis_is_urgent_and_announced_after_commit(
    flagged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        question = _ask(IN_DANGER)
    assert flagged == []  # nothing leaves before the question is stored
    for callback in callbacks:
        callback()
    stored = DoctorQuestion.objects.get(pk=question.pk)
    assert stored.urgent and stored.crisis_kind == "suicide"
    assert len(flagged) == 1
    # The receiver gets the question and the kind: no text travels in the signal itself.
    assert set(flagged[0]) == {"signal", "sender", "question", "crisis_kind"}
    assert flagged[0]["question"].pk == question.pk and flagged[0]["crisis_kind"] == "suicide"


@pytest.mark.parametrize("body", NOT_IN_DANGER)
def test_research_past_and_symptom_questions_are_not_flagged(
    body, flagged, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = _ask(body)
    stored = DoctorQuestion.objects.get(pk=question.pk)
    assert not stored.urgent and stored.crisis_kind == ""
    assert flagged == []


def test_a_crisis_question_is_first_in_the_queue_marked_urgent_with_its_excerpt(client):
    clinician = make_clinician()
    older = make_question(asked_ago=timedelta(days=3))
    _ask(IN_DANGER)
    client.force_login(clinician)
    html = client.get(QUEUE).content.decode()
    cards = html.split('<li class="card')[1:]
    assert "Urgent · suicide risk" in cards[0] and "I think about ending my life." in cards[0]
    assert older.public_id in cards[1]


def test_a_crisis_follow_up_is_first_and_urgent_in_the_answering_clinicians_queue(
    client, flagged, django_capture_on_commit_callbacks
):
    question = make_question(status=S.ANSWERED)
    clinician = question.claimed_by
    other = make_question(status=S.CLAIMED, claimed_by=clinician, asked_ago=timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        asking.add_follow_up(
            question=question, asker=question.asker, body="I have taken all my pills tonight."
        )
    stored = DoctorQuestion.objects.get(pk=question.pk)
    assert stored.urgent and stored.crisis_kind == "overdose"
    assert [f["crisis_kind"] for f in flagged] == ["overdose"]  # moderators hear at once
    client.force_login(clinician)
    cards = client.get(QUEUE + "?view=mine").content.decode().split('<li class="card')[1:]
    assert question.public_id in cards[0] and "Urgent · overdose" in cards[0]
    assert other.public_id in cards[1]


def test_a_calm_follow_up_is_not_urgent(client):
    question = make_question(status=S.ANSWERED)
    asking.add_follow_up(question=question, asker=question.asker, body="And on weekends?")
    assert not DoctorQuestion.objects.get(pk=question.pk).urgent


def test_a_crisis_reply_with_information_marks_the_question_urgent(flagged):
    clinician = make_clinician()
    question = make_question()
    queue.claim_question(question_id=question.pk, clinician=clinician)
    queue.request_info(question_id=question.pk, clinician=clinician, body="Which dose?")
    with_reply = asking.reply_with_info(
        question=question, asker=question.asker, body="20 mg. I want to kill myself tonight."
    )
    assert with_reply.urgent
    assert DoctorQuestion.objects.get(pk=question.pk).crisis_kind == "suicide"


# --- Who sees excerpts, and the access log -------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        make_user,
        make_moderator,
        lambda: make_clinician(status=VerificationStatus.PENDING),
        lambda: make_clinician(mfa=False),
    ],
    ids=["member", "moderator", "unverified_clinician", "clinician_without_mfa"],
)
def test_only_queue_clinicians_see_excerpts_and_refusals_log_nothing(client, who):
    _ask(IN_DANGER)
    client.force_login(who())
    response = client.get(QUEUE)
    assert response.status_code == 403
    assert b"ending my life" not in response.content
    assert not QuestionAccessLog.objects.exists()


def test_listing_logs_one_row_per_private_question_listed_in_one_insert(
    client, django_assert_num_queries
):
    clinician = make_clinician()
    private = [make_question() for _ in range(3)]
    make_question(visibility=Visibility.PUBLISHABLE)
    client.force_login(clinician)
    client.get(QUEUE)  # warm the session and permission caches of the test client
    QuestionAccessLog.objects.all().delete()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(QUEUE).status_code == 200
    inserts = [q for q in context.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1
    rows = QuestionAccessLog.objects.all()
    assert sorted(r.question_id for r in rows) == sorted(q.pk for q in private)
    assert {(r.viewer_id, r.viewer_email, r.where) for r in rows} == {
        (clinician.pk, clinician.email, "queue")
    }


def test_only_the_page_shown_is_logged(client, settings):
    clinician = make_clinician()
    asker = make_user()
    DoctorQuestion.objects.bulk_create(
        DoctorQuestion(
            asker=asker, body=f"q{n}", body_html="", excerpt=f"q{n}", public_id=f"{n:016d}"
        )
        for n in range(60)
    )
    client.force_login(clinician)
    client.get(QUEUE)
    assert QuestionAccessLog.objects.count() == 50
    client.get(QUEUE + "?page=2")
    assert QuestionAccessLog.objects.count() == 60


def test_a_clinicians_own_question_in_the_queue_is_not_logged(client):
    clinician = make_clinician()
    make_question(asker=clinician)
    client.force_login(clinician)
    client.get(QUEUE)
    assert not QuestionAccessLog.objects.exists()


def test_excerpts_are_plain_text_short_and_escaped(client):
    body = "**Bold** <script>alert(1)</script> [a link](https://example.org) " + "word " * 80
    question = make_question(body=body)
    assert question.excerpt.startswith("Bold alert(1) a link word")
    assert len(question.excerpt) <= 161 and question.excerpt.endswith("…")
    client.force_login(make_clinician())
    html = client.get(QUEUE).content.decode()
    assert "<script>alert" not in html and "Bold alert(1) a link word" in html


# --- The identical-question check ----------------------------------------------------------


def test_the_same_question_twice_within_minutes_is_refused_and_nothing_written(client):
    asker = make_user()
    article = make_article()
    asking.ask_question(asker=asker, article=article, body="Can I take it with food?")
    with pytest.raises(IdenticalQuestion):
        asking.ask_question(asker=asker, article=article, body="Can I take it with food?")
    assert DoctorQuestion.objects.filter(asker=asker).count() == 1
    # Someone else, other words, or later: all fine.
    asking.ask_question(asker=make_user(), article=article, body="Can I take it with food?")
    asking.ask_question(asker=asker, article=article, body="Can I take it with milk?")
    DoctorQuestion.objects.filter(asker=asker).update(asked_at=timezone.now() - timedelta(hours=1))
    asking.ask_question(asker=asker, article=article, body="Can I take it with food?")


def test_the_ask_form_says_so_next_to_the_text_and_keeps_it(client):
    asker = make_user()
    article = make_article()
    asking.ask_question(asker=asker, article=article, body="Can I take it with food?")
    client.force_login(asker)
    response = client.post(
        reverse("articles:ask-doctor-ask", kwargs={"number": article.number}),
        {"body": "Can I take it with food?", "visibility": "private"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "same question a few minutes ago" in " ".join(form.errors["body"])
    assert "Can I take it with food?</textarea>" in response.content.decode()
    assert DoctorQuestion.objects.filter(asker=asker).count() == 1


# --- Rate limits and the honeypot (accounts.ratelimits, accounts.antispam) -----------------


def _ask_url(article):
    return reverse("articles:ask-doctor-ask", kwargs={"number": article.number})


def test_a_fourth_question_in_ten_minutes_is_refused_with_429_and_the_text_kept(client, settings):
    settings.RATE_LIMITS = {"ask": [(3, 600, "user")]}
    asker, article = make_user(), make_article()
    client.force_login(asker)
    for n in range(3):
        response = client.post(
            _ask_url(article), {"body": f"Question number {n}?", "visibility": "private"}
        )
        assert response.status_code == 302
    response = client.post(
        _ask_url(article), {"body": "Can I drive on it?", "visibility": "private"}
    )
    assert response.status_code == 429 and int(response["Retry-After"]) >= 1
    html = response.content.decode()
    assert "asked several questions" in html
    assert "Can I drive on it?</textarea>" in html
    assert DoctorQuestion.objects.filter(asker=asker).count() == 3
    # Another member is not held back by this one's limit.
    client.force_login(make_user())
    assert (
        client.post(
            _ask_url(article), {"body": "Can I drive on it?", "visibility": "private"}
        ).status_code
        == 302
    )


def test_a_preview_does_not_count_towards_the_limit(client, settings):
    settings.RATE_LIMITS = {"ask": [(1, 600, "user")]}
    article = make_article()
    client.force_login(make_user())
    for _ in range(3):
        response = client.post(
            _ask_url(article), {"body": "Is it safe?", "visibility": "private", "preview": "1"}
        )
        assert response.status_code == 200
    assert (
        client.post(_ask_url(article), {"body": "Is it safe?", "visibility": "private"}).status_code
        == 302
    )


def test_a_second_follow_up_too_fast_is_refused_with_429_and_kept(client, settings):
    settings.RATE_LIMITS = {"follow_up": [(1, 600, "user")]}
    asker = make_user()
    first = make_question(status=S.ANSWERED, asker=asker)
    second = make_question(status=S.ANSWERED, asker=asker)
    client.force_login(asker)
    url = reverse("articles:ask-doctor-follow-up", kwargs={"public_id": first.public_id})
    assert client.post(url, {"follow-body": "And at night?"}).status_code == 302
    url = reverse("articles:ask-doctor-follow-up", kwargs={"public_id": second.public_id})
    response = client.post(url, {"follow-body": "And with alcohol?"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "sent several follow-ups" in html and "And with alcohol?</textarea>" in html
    assert not DoctorQuestion.objects.get(pk=second.pk).follow_up_pending


def test_the_honeypot_stops_a_bot_and_nothing_is_written(client):
    asker, article = make_user(), make_article()
    client.force_login(asker)
    page = client.get(_ask_url(article)).content.decode()
    assert 'name="website"' in page and 'tabindex="-1"' in page and 'aria-hidden="true"' in page
    response = client.post(
        _ask_url(article),
        {"body": "Buy cheap pills", "visibility": "private", "website": "http://spam.example"},
    )
    assert response.status_code == 200
    assert "meant to stay empty" in response.content.decode()
    assert not DoctorQuestion.objects.filter(asker=asker).exists()


# --- Crisis lines for the asker (templates/safety/crisis_resources.html) -------------------

CRISIS_PANEL = 'class="crisis-panel"'


def test_after_sending_a_crisis_question_the_asker_sees_the_crisis_lines_first(client):
    asker, article = make_user(), make_article()
    client.force_login(asker)
    response = client.post(
        _ask_url(article), {"body": IN_DANGER, "visibility": "private"}, follow=True
    )
    html = response.content.decode()
    assert CRISIS_PANEL in html and "116 123" in html and "988" in html
    assert html.index(CRISIS_PANEL) < html.index("<h1>")  # above everything else
    assert "at the top of their queue" in html
    assert "I think about ending my life" in html  # the question itself is kept


def test_the_crisis_lines_show_in_a_preview_before_anything_is_sent(client):
    article = make_article()
    client.force_login(make_user())
    response = client.post(
        _ask_url(article), {"body": IN_DANGER, "visibility": "private", "preview": "1"}
    )
    html = response.content.decode()
    assert CRISIS_PANEL in html and html.index(CRISIS_PANEL) < html.index("<h1>")
    assert "Does this medicine make that worse?</textarea>" in html
    assert not DoctorQuestion.objects.exists()


@pytest.mark.parametrize("body", NOT_IN_DANGER)
def test_no_crisis_lines_for_calm_questions(client, body):
    article = make_article()
    client.force_login(make_user())
    response = client.post(_ask_url(article), {"body": body, "visibility": "private"}, follow=True)
    assert CRISIS_PANEL not in response.content.decode()


def test_the_crisis_lines_are_the_askers_and_follow_a_crisis_follow_up(client):
    question = make_question(status=S.ANSWERED)
    client.force_login(question.asker)
    page = reverse("articles:ask-doctor-question", kwargs={"public_id": question.public_id})
    assert CRISIS_PANEL not in client.get(page).content.decode()
    url = reverse("articles:ask-doctor-follow-up", kwargs={"public_id": question.public_id})
    response = client.post(url, {"follow-body": "I have taken all my pills tonight."}, follow=True)
    assert CRISIS_PANEL in response.content.decode()
    client.force_login(question.claimed_by)  # the clinician reads the urgent mark instead
    html = client.get(page).content.decode()
    assert CRISIS_PANEL not in html and "Urgent" in html
