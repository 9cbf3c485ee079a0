"""Ask in general: a question about no particular item, asked from the "Ask a clinician" page,
worked in the same queue (with a filter), exactly as private as a question about an item."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts.signals import export_requested
from articles.ask_doctor import asking, faq, queue
from articles.ask_doctor.permissions import can_propose_faq
from articles.models import DoctorQuestion, QuestionAccessLog, QuestionStatus, Visibility
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_clinician, make_moderator, make_user

pytestmark = pytest.mark.django_db
S = QuestionStatus
ASK = reverse("articles:ask-doctor-ask-general")
QUEUE = reverse("articles:ask-doctor-queue")


def general_question(**fields) -> DoctorQuestion:
    question = make_question(**fields)
    DoctorQuestion.objects.filter(pk=question.pk).update(article=None)
    question.refresh_from_db()
    return question


def test_the_ask_a_clinician_page_offers_a_general_question(client):
    response = client.get(reverse("articles:ask-doctor-home"))
    assert f'href="{ASK}"' in response.text


def test_a_member_asks_a_general_question(client, member):
    client.force_login(member)
    page = client.get(ASK)
    assert page.status_code == 200
    assert "Ask a general question" in page.text
    response = client.post(
        ASK, {"body": "Is it safe to stop **statins** for a week?", "visibility": "private"}
    )
    question = DoctorQuestion.objects.get(asker=member)
    assert response.status_code == 302 and response["Location"] == question.get_absolute_url()
    assert question.article is None and question.is_general
    assert question.status == S.SUBMITTED and question.is_private
    assert str(question) == f"General question {question.public_id[:6]}"
    page = client.get(question.get_absolute_url())
    assert "General question" in page.text and "About no particular item." in page.text


def test_bad_input_keeps_the_text_and_writes_nothing(client, member):
    client.force_login(member)
    response = client.post(ASK, {"body": "Half a question\x00", "visibility": "private"})
    assert response.status_code == 200
    assert "errorlist" in response.text and "Half a question" in response.text
    assert not DoctorQuestion.objects.exists()


def test_only_members_with_a_verified_email_may_ask(client):
    assert "Log in to ask" in client.get(ASK).text
    assert client.post(ASK, {"body": "Hi", "visibility": "private"}).status_code == 403
    client.force_login(make_user(verified=False))
    assert client.post(ASK, {"body": "Hi", "visibility": "private"}).status_code == 403
    assert not DoctorQuestion.objects.exists()


def test_the_form_suggests_answered_questions_and_links_to_search_without_javascript(
    client, member
):
    client.force_login(member)
    for page in (ASK, reverse("articles:ask-doctor-ask", args=[make_article().number])):
        text = client.get(page).text
        assert 'hx-post="/search/suggestions/"' in text
        assert 'hx-params="body,csrfmiddlewaretoken"' in text
        assert 'id="ask-suggestions"' in text and 'aria-live="polite"' in text
        assert 'href="/search/?kind=qa"' in text


def test_clinicians_see_general_questions_in_the_same_queue_with_a_filter(client):
    general = general_question(body="General one")
    about_item = make_question(body="About an item")
    client.force_login(make_clinician())
    everything = client.get(QUEUE).text
    assert general.public_id[:6] in everything and about_item.public_id[:6] in everything
    assert "General question" in everything
    only_general = client.get(QUEUE, {"about": "general"}).text
    assert general.public_id[:6] in only_general and about_item.public_id[:6] not in only_general
    only_items = client.get(QUEUE, {"about": "items"}).text
    assert general.public_id[:6] not in only_items and about_item.public_id[:6] in only_items
    assert client.get(QUEUE, {"about": "<script>"}).status_code == 200  # malformed: all


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("asker", True),
        ("clinician", True),
        ("other patient", False),
        ("moderator", False),
        ("clinician without MFA", False),
    ],
)
def test_a_private_general_question_is_as_private_as_any(client, role, sees):
    asker = make_user()
    question = general_question(asker=asker, body="My private general canary")
    viewer = {
        "asker": lambda: asker,
        "clinician": make_clinician,
        "other patient": make_user,
        "moderator": make_moderator,
        "clinician without MFA": lambda: make_clinician(mfa=False),
    }[role]()
    client.force_login(viewer)
    response = client.get(question.get_absolute_url())
    assert response.status_code == (200 if sees else 404)
    assert ("private general canary" in response.text) is sees
    logged = QuestionAccessLog.objects.filter(question=question, viewer=viewer).exists()
    assert logged is (sees and role != "asker")


def test_answering_a_general_question_touches_no_item_and_it_never_reaches_a_faq():
    clinician = make_clinician()
    question = general_question(
        status=S.CLAIMED, claimed_by=clinician, visibility=Visibility.PUBLISHABLE
    )
    answered = queue.answer_question(question_id=question.pk, clinician=clinician, body="Yes.")
    assert answered.status == S.ANSWERED and answered.article is None
    assert not can_propose_faq(clinician, answered)
    with pytest.raises(PermissionDenied):
        faq.propose_faq(
            question_id=question.pk, clinician=clinician, faq_question="Q?", faq_answer="A."
        )


def test_a_general_question_is_exported_and_can_be_withdrawn():
    asker = make_user()
    general_question(asker=asker, status=S.ANSWERED)
    exported = {}
    for _, result in export_requested.send(sender=None, user=asker):
        exported.update(result or {})
    rows = next(v for v in exported.values() if isinstance(v, list) and v and "item" in v[0])
    assert rows[0]["item"] is None
    other = general_question(asker=asker)
    asking.withdraw_question(question=other, asker=asker)
    assert DoctorQuestion.objects.get(pk=other.pk).status == S.WITHDRAWN


@pytest.mark.parametrize("count", [10, 1000])
def test_general_ask_page_query_count_is_fixed(client, member, count, django_assert_num_queries):
    asker = make_user()
    DoctorQuestion.objects.bulk_create(
        DoctorQuestion(asker=asker, body="q", body_html="<p>q</p>", public_id=f"{n:016d}")
        for n in range(count)
    )
    client.force_login(member)
    with django_assert_num_queries(4):  # user+profile, email verified, groups, the bell
        response = client.get(ASK)
    assert response.status_code == 200


@pytest.mark.parametrize("count", [10, 1000])
def test_queue_filtered_to_general_questions_query_count_is_fixed(
    client, count, django_assert_num_queries
):
    asker = make_user()
    DoctorQuestion.objects.bulk_create(
        DoctorQuestion(
            asker=asker, body="q", body_html="<p>q</p>", excerpt="q", public_id=f"{n:016d}"
        )
        for n in range(count)
    )
    client.force_login(make_clinician())
    # as the unfiltered queue: user+profile, TOTP, the filter's items with the count, rows,
    # the access log of the listed excerpts, groups, the bell
    with django_assert_num_queries(7):
        response = client.get(QUEUE, {"about": "general"})
    assert response.content.count(b'class="card') == min(count, 50)
