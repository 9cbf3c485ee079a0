"""The queue's services: allowed transitions, refusals that change nothing, the FAQ flow."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from accounts import signals
from accounts.models import VerificationStatus
from articles.ask_doctor import asking, faq, permissions, queue
from articles.models import (
    ArticleStatus,
    CarePointer,
    DoctorAnswer,
    DoctorQuestion,
    FAQItem,
    FaqState,
    MessageKind,
    QuestionStatus,
    Visibility,
)
from tests.articles.conftest import make_question
from tests.conftest import make_article, make_clinician, make_moderator, make_user

pytestmark = pytest.mark.django_db
S = QuestionStatus


def _snapshot(question):
    return DoctorQuestion.objects.filter(pk=question.pk).values().get()


def test_ask_stores_the_question_with_rendered_markdown_and_a_random_public_id(member, article):
    question = asking.ask_question(
        asker=member, article=article, body="Is **this** for me?", visibility=Visibility.PRIVATE
    )
    other = asking.ask_question(asker=member, article=article, body="And this?")
    assert question.status == S.SUBMITTED
    assert "<strong>this</strong>" in question.body_html
    assert len(question.public_id) == 16 and question.public_id != other.public_id
    assert question.get_absolute_url().endswith(f"/q/{question.public_id}/")


def test_ask_refuses_an_unverified_email_and_an_unpublished_item(article):
    with pytest.raises(PermissionDenied):
        asking.ask_question(asker=make_user(verified=False), article=article, body="Hi")
    draft = make_article(status=ArticleStatus.DRAFT)
    with pytest.raises(queue.QueueError):
        asking.ask_question(asker=make_user(), article=draft, body="Hi")
    assert not DoctorQuestion.objects.exists()


def test_show_handle_is_dropped_on_a_private_question(member, article):
    question = asking.ask_question(
        asker=member, article=article, body="Hi", visibility=Visibility.PRIVATE, show_handle=True
    )
    assert question.show_handle is False


def test_claim_moves_a_waiting_question_to_the_clinician(clinician):
    question = make_question()
    claimed = queue.claim_question(question_id=question.pk, clinician=clinician)
    assert (claimed.status, claimed.claimed_by_id) == (S.CLAIMED, clinician.pk)
    assert claimed.claimed_at is not None


def test_second_claimer_is_told_who_holds_the_question(clinician):
    question = make_question()
    queue.claim_question(question_id=question.pk, clinician=clinician)
    other = make_clinician()
    before = _snapshot(question)
    with pytest.raises(queue.QueueError) as error:
        queue.claim_question(question_id=question.pk, clinician=other)
    assert clinician.clinician_profile.full_name in str(error.value)
    assert _snapshot(question) == before


@pytest.mark.parametrize(
    "user_kind", ["patient", "moderator", "unverified_clinician", "clinician_without_mfa"]
)
def test_only_verified_clinicians_with_mfa_can_claim(user_kind):
    user = {
        "patient": lambda: make_user(),
        "moderator": lambda: make_moderator(),
        "unverified_clinician": lambda: make_clinician(status=VerificationStatus.PENDING),
        "clinician_without_mfa": lambda: make_clinician(mfa=False),
    }[user_kind]()
    question = make_question()
    with pytest.raises(PermissionDenied):
        queue.claim_question(question_id=question.pk, clinician=user)
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.SUBMITTED


def test_release_returns_the_question_to_the_queue(clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    released = queue.release_question(question_id=question.pk, clinician=clinician)
    assert (released.status, released.claimed_by_id, released.claimed_at) == (
        S.SUBMITTED,
        None,
        None,
    )


def test_only_the_holder_can_release(clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    with pytest.raises(queue.QueueError):
        queue.release_question(question_id=question.pk, clinician=make_clinician())
    assert DoctorQuestion.objects.get(pk=question.pk).claimed_by_id == clinician.pk


def test_answer_by_the_holder_records_the_answer_and_time(clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    answered = queue.answer_question(
        question_id=question.pk, clinician=clinician, body="In general, *no*."
    )
    assert answered.status == S.ANSWERED and answered.answered_at is not None
    assert "<em>no</em>" in answered.answer.body_html
    assert answered.answer.clinician_id == clinician.pk


def test_answer_is_refused_without_a_claim_and_changes_nothing(clinician):
    question = make_question()
    before = _snapshot(question)
    with pytest.raises(queue.QueueError, match="claim it first"):
        queue.answer_question(question_id=question.pk, clinician=clinician, body="Yes.")
    assert _snapshot(question) == before
    assert not DoctorAnswer.objects.filter(question=question).exists()


def test_answer_by_a_clinician_not_holding_the_claim_is_refused(clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    with pytest.raises(queue.QueueError, match="already working"):
        queue.answer_question(question_id=question.pk, clinician=make_clinician(), body="x")
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.CLAIMED


@pytest.mark.parametrize(
    ("status", "service"),
    [
        (S.ANSWERED, "claim"),
        (S.WITHDRAWN, "claim"),
        (S.CLOSED, "answer"),
        (S.DECLINED, "request_info"),
        (S.NEEDS_INFO, "answer"),
        (S.ANSWERED, "withdraw"),
        (S.WITHDRAWN, "close"),
    ],
)
def test_moves_outside_the_transition_table_are_refused_and_change_nothing(status, service):
    holder = make_clinician()
    question = make_question(status=status, claimed_by=holder)
    before = _snapshot(question)
    calls = {
        "claim": lambda: queue.claim_question(question_id=question.pk, clinician=holder),
        "answer": lambda: queue.answer_question(
            question_id=question.pk, clinician=holder, body="x"
        ),
        "request_info": lambda: queue.request_info(
            question_id=question.pk, clinician=holder, body="x"
        ),
        "withdraw": lambda: asking.withdraw_question(question=question, asker=question.asker),
        "close": lambda: asking.close_question(question=question, user=question.asker),
    }
    with pytest.raises(queue.QueueError) as error:
        calls[service]()
    assert str(error.value)  # a clear message, shown to the user
    assert _snapshot(question) == before


def test_transition_table_matches_the_rules():
    assert queue.TRANSITIONS[S.SUBMITTED] == {S.CLAIMED, S.WITHDRAWN}
    assert S.CLOSED in queue.TRANSITIONS[S.ANSWERED]
    assert queue.TRANSITIONS[S.CLOSED] == set() == queue.TRANSITIONS[S.WITHDRAWN]
    assert S.ANSWERED not in queue.TRANSITIONS[S.SUBMITTED]


def test_needs_info_then_the_askers_reply_returns_it_to_the_same_clinician(clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    asked = queue.request_info(question_id=question.pk, clinician=clinician, body="Dose?")
    assert asked.status == S.NEEDS_INFO
    replied = asking.reply_with_info(question=asked, asker=question.asker, body="50 mg")
    assert (replied.status, replied.claimed_by_id) == (S.CLAIMED, clinician.pk)
    kinds = list(replied.messages.values_list("kind", flat=True))
    assert kinds == [MessageKind.INFO_REQUEST, MessageKind.INFO_REPLY]


def test_only_the_asker_can_reply_with_information(clinician):
    question = make_question(status=S.NEEDS_INFO, claimed_by=clinician)
    with pytest.raises(PermissionDenied):
        asking.reply_with_info(question=question, asker=make_user(), body="me too")
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.NEEDS_INFO


def test_decline_needs_a_care_pointer_and_keeps_the_reason(clinician):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    with pytest.raises(queue.QueueError):
        queue.decline_question(
            question_id=question.pk, clinician=clinician, reason="x", care="nowhere"
        )
    declined = queue.decline_question(
        question_id=question.pk,
        clinician=clinician,
        reason="This needs an examination.",
        care=CarePointer.OWN_CLINICIAN,
    )
    assert declined.status == S.DECLINED
    assert "examination" in declined.decline_reason_html


def test_withdraw_before_an_answer_only_by_the_asker():
    question = make_question()
    with pytest.raises(PermissionDenied):
        asking.withdraw_question(question=question, asker=make_user())
    withdrawn = asking.withdraw_question(question=question, asker=question.asker)
    assert withdrawn.status == S.WITHDRAWN


def test_withdraw_after_an_answer_is_refused():
    question = make_question(status=S.ANSWERED)
    with pytest.raises(queue.QueueError, match="not been answered"):
        asking.withdraw_question(question=question, asker=question.asker)


def test_one_follow_up_on_an_answered_question_and_one_reply_to_it():
    question = make_question(status=S.ANSWERED)
    asking.add_follow_up(question=question, asker=question.asker, body="And at night?")
    with pytest.raises(queue.QueueError, match="already added"):
        asking.add_follow_up(question=question, asker=question.asker, body="One more")
    queue.reply_to_follow_up(
        question_id=question.pk, clinician=question.claimed_by, body="The same applies."
    )
    with pytest.raises(queue.QueueError):
        queue.reply_to_follow_up(
            question_id=question.pk, clinician=question.claimed_by, body="Again"
        )
    assert question.messages.count() == 2


def test_follow_up_is_refused_before_an_answer():
    question = make_question()
    with pytest.raises(queue.QueueError):
        asking.add_follow_up(question=question, asker=question.asker, body="?")
    assert not question.messages.exists()


def test_editing_an_answer_keeps_the_earlier_text_in_history():
    question = make_question(status=S.ANSWERED)
    answer = queue.edit_answer(
        question_id=question.pk, clinician=question.claimed_by, body="Corrected: ask your GP."
    )
    assert answer.body == "Corrected: ask your GP." and answer.edited_at is not None
    assert [r.body for r in answer.revisions.all()] == ["In general, **yes**: ask your GP."]


def test_another_clinician_cannot_edit_the_answer():
    question = make_question(status=S.ANSWERED)
    with pytest.raises(PermissionDenied):
        queue.edit_answer(question_id=question.pk, clinician=make_clinician(), body="Mine")
    assert question.answer.revisions.count() == 0


def test_stale_claims_return_to_the_queue_after_the_configured_time(settings, clinician):
    settings.ASK_DOCTOR_CLAIM_TIMEOUT_HOURS = 6
    stale = make_question(status=S.CLAIMED, claimed_by=clinician)
    DoctorQuestion.objects.filter(pk=stale.pk).update(
        claimed_at=timezone.now() - timedelta(hours=7)
    )
    fresh = make_question(status=S.CLAIMED, claimed_by=clinician)
    waiting_on_patient = make_question(status=S.NEEDS_INFO, claimed_by=clinician)
    DoctorQuestion.objects.filter(pk=waiting_on_patient.pk).update(
        claimed_at=timezone.now() - timedelta(days=3)
    )
    assert queue.release_stale_claims() == 1
    statuses = dict(DoctorQuestion.objects.values_list("pk", "status"))
    assert statuses == {
        stale.pk: S.SUBMITTED,
        fresh.pk: S.CLAIMED,
        waiting_on_patient.pk: S.NEEDS_INFO,
    }


def test_stale_claims_command(clinician, capsys):
    question = make_question(status=S.CLAIMED, claimed_by=clinician)
    DoctorQuestion.objects.filter(pk=question.pk).update(
        claimed_at=timezone.now() - timedelta(hours=30)
    )
    call_command("ask_doctor_release_claims")
    assert "Returned 1 claim" in capsys.readouterr().out
    assert DoctorQuestion.objects.get(pk=question.pk).status == S.SUBMITTED


def test_expected_wait_is_computed_from_real_answer_times():
    assert DoctorQuestion.objects.expected_wait_days() is None
    now = timezone.now()
    for days in (0.5, 1.5, 2.5, 2.6, 6):
        make_question(status=S.ANSWERED, asked_ago=timedelta(days=days), answered_at=now)
    # Four in five were answered within 3 days (the fifth took six).
    assert DoctorQuestion.objects.expected_wait_days() == 3


def _publishable_answered():
    return make_question(status=S.ANSWERED, visibility=Visibility.PUBLISHABLE, show_handle=False)


def test_faq_needs_the_askers_confirmation_by_the_signed_link(django_capture_on_commit_callbacks):
    question = _publishable_answered()
    with django_capture_on_commit_callbacks(execute=True):
        proposed = faq.propose_faq(
            question_id=question.pk,
            clinician=question.claimed_by,
            faq_question="Does this apply to people on an SSRI?",
            faq_answer="Usually yes; check with your prescriber.",
        )
    assert proposed.faq_state == FaqState.PENDING
    assert not FAQItem.objects.exists()
    token = faq.faq_consent_token(proposed)
    with pytest.raises(PermissionDenied):
        faq.confirm_faq(question=proposed, asker=make_user(), token=token, consent=True)
    with pytest.raises(queue.QueueError):
        faq.confirm_faq(question=proposed, asker=question.asker, token=token + "x", consent=True)
    assert not FAQItem.objects.exists()
    done = faq.confirm_faq(question=proposed, asker=question.asker, token=token, consent=True)
    item = FAQItem.objects.get()
    assert done.faq_item == item and done.faq_state == FaqState.PUBLISHED
    assert item.article_id == question.article_id
    assert item.question == "Does this apply to people on an SSRI?"
    assert question.claimed_by.clinician_profile.full_name in item.answer_html
    assert question.body not in item.answer


def test_a_reworded_proposal_invalidates_the_earlier_link():
    question = _publishable_answered()
    first = faq.propose_faq(
        question_id=question.pk, clinician=question.claimed_by, faq_question="Q1", faq_answer="A"
    )
    old_token = faq.faq_consent_token(first)
    second = faq.propose_faq(
        question_id=question.pk, clinician=question.claimed_by, faq_question="Q2", faq_answer="A"
    )
    with pytest.raises(queue.QueueError, match="expired or was replaced"):
        faq.confirm_faq(question=second, asker=question.asker, token=old_token, consent=True)
    assert not FAQItem.objects.exists()


def test_the_asker_can_say_no_and_nothing_is_published():
    question = _publishable_answered()
    proposed = faq.propose_faq(
        question_id=question.pk, clinician=question.claimed_by, faq_question="Q", faq_answer="A"
    )
    token = faq.faq_consent_token(proposed)
    refused = faq.confirm_faq(question=proposed, asker=question.asker, token=token, consent=False)
    assert refused.faq_state == FaqState.REFUSED and not FAQItem.objects.exists()


def test_a_private_question_can_never_be_proposed_for_the_faq():
    question = make_question(status=S.ANSWERED, visibility=Visibility.PRIVATE)
    with pytest.raises(PermissionDenied):
        faq.propose_faq(
            question_id=question.pk, clinician=question.claimed_by, faq_question="Q", faq_answer="A"
        )
    assert DoctorQuestion.objects.get(pk=question.pk).faq_state == FaqState.NONE


def test_account_deletion_removes_the_members_questions_and_frees_their_claims():
    asker = make_user()
    question = make_question(asker=asker, status=S.ANSWERED)
    asking.add_follow_up(question=question, asker=asker, body="Thanks, and?")
    other = make_question()
    holder = make_clinician()
    held = make_question(status=S.CLAIMED, claimed_by=holder)
    signals.account_deleted.send(sender=type(asker), user=asker)
    signals.account_deleted.send(sender=type(holder), user=holder)
    assert not DoctorQuestion.objects.filter(asker=asker).exists()
    assert DoctorQuestion.objects.filter(pk=other.pk).exists()
    held.refresh_from_db()
    assert (held.status, held.claimed_by_id) == (S.SUBMITTED, None)


def test_export_includes_the_members_own_questions_only():
    asker = make_user()
    make_question(asker=asker, body="My own words", status=S.ANSWERED)
    make_question(body="Someone else's words")
    exported = signals.export_sections(asker)["questions"]
    assert [q["question"] for q in exported] == ["My own words"]
    assert exported[0]["answer"].startswith("In general")


def test_account_signals_are_connected_without_loading_any_urls():
    """A shell or worker that never loads the URLconf must still delete a member's questions."""
    code = (
        "import django; django.setup(); import sys; from accounts import signals; "
        "uids = lambda signal: {key[0] for key, *_ in signal.receivers}; "
        "sys.exit(0 if 'ask_doctor.delete' in uids(signals.account_deleted) "
        "and 'ask_doctor.export' in uids(signals.export_requested) "
        "and 'articles.ask_doctor.urls' not in sys.modules else 1)"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.test"}
    result = subprocess.run([sys.executable, "-c", code], env=env, check=False)
    assert result.returncode == 0


def test_the_asker_predicates_follow_the_transition_table():
    assert queue.transitions_to(S.WITHDRAWN) == permissions.WITHDRAWABLE
    assert queue.transitions_to(S.CLOSED) == permissions.CLOSABLE


def test_a_clinicians_export_holds_their_answers_and_messages_but_not_the_patients_words():
    clinician = make_clinician()
    answered = make_question(body="A patient's private words")
    queue.claim_question(question_id=answered.pk, clinician=clinician)
    queue.answer_question(question_id=answered.pk, clinician=clinician, body="First answer")
    queue.edit_answer(question_id=answered.pk, clinician=clinician, body="Better answer")
    asked = make_question(body="Another patient's words")
    queue.claim_question(question_id=asked.pk, clinician=clinician)
    queue.request_info(question_id=asked.pk, clinician=clinician, body="Which tablet?")
    someone_elses = make_question(status=S.ANSWERED)

    written = signals.export_sections(clinician)["answers_written"]

    assert [w["question"] for w in written] == [answered.public_id, asked.public_id]
    assert written[0]["answer"] == "Better answer"
    assert written[0]["earlier_versions"] == ["First answer"]
    assert written[0]["item"] == answered.article.number
    assert [m["text"] for m in written[1]["messages"]] == ["Which tablet?"]
    text = str(written)
    assert "patient's" not in text and someone_elses.public_id not in text
    assert signals.export_sections(make_user())["answers_written"] == []
