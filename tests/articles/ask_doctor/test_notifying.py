"""The asker hears that their question moved; opted-in clinicians hear of a new question.
Neither a notification nor an email ever carries the question's words."""

import pytest

from articles.ask_doctor import asking, queue
from articles.models import QuestionStatus
from notifications.kinds import Frequency, Kind
from notifications.models import Notification, NotificationPreference, OutboundEmail
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_clinician, make_user

pytestmark = pytest.mark.django_db
CANARY = "canary-pancreatitis-7731"


def everything_written(sent_mail):
    stored = list(Notification.objects.values_list("title", "url"))
    emails = [(m.subject, m.body, *(a.content for a in m.alternatives)) for m in sent_mail]
    emails += list(OutboundEmail.objects.values_list("subject", "body"))
    return repr(stored) + repr(emails)


@pytest.mark.parametrize(
    ("act", "kind", "words"),
    [
        ("answer", Kind.QUESTION_ANSWERED, "answered"),
        ("needs_info", Kind.QUESTION_NEEDS_INFO, "more information"),
        ("decline", Kind.QUESTION_DECLINED, "replied"),
    ],
)
def test_the_asker_is_notified_and_emailed_without_the_question(
    django_capture_on_commit_callbacks, mailoutbox, act, kind, words
):
    clinician = make_clinician()
    question = make_question(
        status=QuestionStatus.CLAIMED, claimed_by=clinician, body=f"My {CANARY} worry"
    )
    with django_capture_on_commit_callbacks(execute=True):
        if act == "answer":
            queue.answer_question(question_id=question.pk, clinician=clinician, body="Ask your GP.")
        elif act == "needs_info":
            queue.request_info(question_id=question.pk, clinician=clinician, body="How long?")
        else:
            queue.decline_question(
                question_id=question.pk,
                clinician=clinician,
                reason="Too specific.",
                care="own_clinician",
            )
    note = Notification.objects.get(recipient=question.asker)
    assert note.kind == kind and words in note.title
    assert note.url == question.get_absolute_url()
    [email] = mailoutbox
    assert email.to == [question.asker.email]
    assert "does not repeat your question" in email.body
    assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert CANARY not in everything_written(mailoutbox)


def test_an_asker_who_chose_never_is_listed_but_not_emailed(
    django_capture_on_commit_callbacks, mailoutbox
):
    clinician = make_clinician()
    question = make_question(status=QuestionStatus.CLAIMED, claimed_by=clinician)
    NotificationPreference.objects.create(
        user=question.asker, kind=Kind.QUESTION_ANSWERED, email=Frequency.NEVER
    )
    with django_capture_on_commit_callbacks(execute=True):
        queue.answer_question(question_id=question.pk, clinician=clinician, body="Ask your GP.")
    assert Notification.objects.filter(recipient=question.asker).exists()
    assert not mailoutbox


def test_a_new_question_alerts_only_clinicians_who_opted_in(mailoutbox):
    opted_in = make_clinician(handle="dr_alert")
    make_clinician(handle="dr_quiet")
    patient_opted = make_user(handle="not_a_clinician")
    for member in (opted_in, patient_opted):
        NotificationPreference.objects.create(
            user=member, kind=Kind.QUEUE_QUESTION, in_app=True, email=Frequency.IMMEDIATELY
        )
    asking.ask_question(
        asker=make_user(), article=make_article(), body=f"Is {CANARY} a worry for me?"
    )
    alerts = Notification.objects.filter(kind=Kind.QUEUE_QUESTION)
    assert list(alerts.values_list("recipient__handle", flat=True)) == ["dr_alert"]
    assert alerts.get().url == "/articles/ask/queue/"
    assert [m.to for m in mailoutbox] == [[opted_in.email]]
    assert CANARY not in everything_written(mailoutbox)


def test_with_nobody_opted_in_asking_costs_one_extra_query(django_assert_max_num_queries):
    make_clinician()
    asker, article = make_user(), make_article()
    with django_assert_max_num_queries(12):  # the question, counters, and the opt-in lookup
        asking.ask_question(asker=asker, article=article, body="A plain question")
    assert not Notification.objects.exists()
