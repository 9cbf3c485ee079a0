"""Who may do what with a question: one predicate per action, on the permissions migrations grant.

`articles.answer_doctorquestion` (granted to the clinicians' role by migration 0005) opens the
queue, with two facts that are not permissions: a verified clinician profile and MFA. Opening
private questions as staff needs `articles.view_private_doctorquestion` and MFA. Every predicate
is cheap: `has_perm` is cached on the user object, the profile comes with the user.
"""

from accounts.permissions import can_participate, can_use_admin, has_mfa, is_verified_clinician

from ..models import DoctorAnswer, DoctorQuestion, FaqState, QuestionStatus, Visibility
from ..models.ask_doctor import ANSWERED_STATUSES, OPEN_STATUSES

S = QuestionStatus

# Statuses from which each asker action is possible (kept equal to queue.TRANSITIONS by a test).
WITHDRAWABLE = frozenset({S.SUBMITTED, S.CLAIMED, S.NEEDS_INFO})
CLOSABLE = frozenset({S.ANSWERED, S.DECLINED})


def is_queue_clinician(user) -> bool:
    """Work the queue: the permission, a verified clinician profile and MFA."""
    return (
        is_verified_clinician(user)
        and user.has_perm("articles.answer_doctorquestion")
        and has_mfa(user)
    )


def can_view_private_questions(user) -> bool:
    """Staff chosen to open private questions (admin, audits): the permission, with MFA."""
    return can_use_admin(user) and user.has_perm("articles.view_private_doctorquestion")


def can_view(user, question: DoctorQuestion) -> bool:
    """The asker, queue clinicians and chosen staff. Everyone else gets a 404."""
    if not user.is_authenticated:
        return False
    if question.asker_id == user.pk:
        return True
    return is_queue_clinician(user) or can_view_private_questions(user)


def can_ask(user) -> bool:
    return can_participate(user)


def holds_claim(user, question: DoctorQuestion) -> bool:
    return is_queue_clinician(user) and question.claimed_by_id == user.pk


def can_claim(user, question: DoctorQuestion) -> bool:
    return is_queue_clinician(user) and question.status == S.SUBMITTED


def can_release(user, question: DoctorQuestion) -> bool:
    return holds_claim(user, question) and question.status in OPEN_STATUSES


def can_answer(user, question: DoctorQuestion) -> bool:
    return holds_claim(user, question) and question.status == S.CLAIMED


def can_decline(user, question: DoctorQuestion) -> bool:
    return holds_claim(user, question) and question.status in OPEN_STATUSES


def answer_of(question: DoctorQuestion) -> DoctorAnswer | None:
    """The question's answer, or None (the page's read selects it with the question)."""
    try:
        return question.answer
    except DoctorAnswer.DoesNotExist:
        return None


def is_answering_clinician(user, question: DoctorQuestion) -> bool:
    answer = answer_of(question)
    return is_queue_clinician(user) and answer is not None and answer.clinician_id == user.pk


def can_edit_answer(user, question: DoctorQuestion) -> bool:
    return is_answering_clinician(user, question) and question.status in ANSWERED_STATUSES


def can_propose_faq(user, question: DoctorQuestion) -> bool:
    """A general question has no item whose FAQ it could join."""
    return (
        can_edit_answer(user, question)
        and question.article_id is not None
        and question.visibility == Visibility.PUBLISHABLE
        and question.faq_state in (FaqState.NONE, FaqState.PENDING)
    )


def can_withdraw(user, question: DoctorQuestion) -> bool:
    return question.asker_id == user.pk and question.status in WITHDRAWABLE


def can_close(user, question: DoctorQuestion) -> bool:
    """The asker, or the clinician holding the claim, marks an answered/declined question done."""
    is_party = question.asker_id == user.pk or holds_claim(user, question)
    return is_party and question.status in CLOSABLE


def can_follow_up(user, question: DoctorQuestion, *, has_follow_up: bool) -> bool:
    return (
        question.asker_id == user.pk
        and can_participate(user)
        and question.status == S.ANSWERED
        and not has_follow_up
    )


def can_reply_with_info(user, question: DoctorQuestion) -> bool:
    return question.asker_id == user.pk and question.status == S.NEEDS_INFO


def can_reply_to_follow_up(user, question, *, has_follow_up: bool, has_reply: bool) -> bool:
    return can_edit_answer(user, question) and has_follow_up and not has_reply
