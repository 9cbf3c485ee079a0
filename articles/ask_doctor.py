"""THE ask-the-doctor queue: who may do what with a question, and every change of state.

Every status change goes through `_move()`, a conditional UPDATE that only succeeds from the
statuses `TRANSITIONS` allows: two clinicians claiming at once, or a patient withdrawing while a
clinician answers, cannot both win. Anything else is refused with `QueueError` and changes
nothing. Emails go out through tasks enqueued after the transaction commits, with primary keys
only; they never contain the question's text.
"""

import math
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from accounts import hooks
from accounts.permissions import can_answer_questions, can_participate, has_mfa

from . import caching
from .models import (
    Article,
    CarePointer,
    DoctorAnswer,
    DoctorAnswerRevision,
    DoctorQuestion,
    FAQItem,
    FaqState,
    MessageKind,
    QuestionAccessLog,
    QuestionMessage,
    QuestionStatus,
    Visibility,
)
from .models.ask_doctor import ANSWERED_STATUSES

S = QuestionStatus

# Allowed moves: from each status, the statuses it may go to.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.CLAIMED, S.WITHDRAWN}),
    S.CLAIMED: frozenset({S.SUBMITTED, S.ANSWERED, S.NEEDS_INFO, S.DECLINED, S.WITHDRAWN}),
    S.NEEDS_INFO: frozenset({S.CLAIMED, S.SUBMITTED, S.DECLINED, S.WITHDRAWN}),
    S.ANSWERED: frozenset({S.CLOSED}),
    S.DECLINED: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
    S.WITHDRAWN: frozenset(),
}

# Why a move was refused, by the status the question turned out to be in.
_REFUSALS = {
    S.SUBMITTED: "This question is waiting in the queue: claim it first.",
    S.CLAIMED: "A clinician is already working on this question.",
    S.NEEDS_INFO: "This question is waiting for more information from the asker.",
    S.ANSWERED: "This question has already been answered.",
    S.DECLINED: "This question has been declined.",
    S.CLOSED: "This question is closed.",
    S.WITHDRAWN: "This question was withdrawn by the asker.",
}

FAQ_CONSENT_SALT = "articles.ask_doctor.faq-consent"
FAQ_CONSENT_MAX_AGE = timedelta(days=30)


class QueueError(Exception):
    """The change is not possible right now (someone else got there first, wrong status)."""


def claim_timeout() -> timedelta:
    return timedelta(hours=getattr(settings, "ASK_DOCTOR_CLAIM_TIMEOUT_HOURS", 24))


# ---------------------------------------------------------------------------------------------
# Predicates
# ---------------------------------------------------------------------------------------------


def can_view_private_questions(user) -> bool:
    """Staff chosen to open private questions (admin, audits): the permission, with MFA."""
    return bool(
        user.is_authenticated
        and user.is_staff
        and has_mfa(user)
        and user.has_perm("articles.view_private_doctorquestion")
    )


def can_view_question(user, question: DoctorQuestion) -> bool:
    """The asker, verified clinicians with MFA, and chosen staff. Everyone else gets a 404."""
    if not user.is_authenticated:
        return False
    if question.asker_id == user.pk:
        return True
    return can_answer_questions(user) or can_view_private_questions(user)


def can_ask(user) -> bool:
    return can_participate(user)


def can_work_on(user, question: DoctorQuestion) -> bool:
    """Answer, ask for information, decline or release: the clinician holding the claim."""
    return can_answer_questions(user) and question.claimed_by_id == user.pk


def can_edit_answer(user, question: DoctorQuestion) -> bool:
    answer = _answer_or_none(question)
    return (
        can_answer_questions(user)
        and answer is not None
        and answer.clinician_id == user.pk
        and question.status in ANSWERED_STATUSES
    )


def can_propose_faq(user, question: DoctorQuestion) -> bool:
    return (
        can_edit_answer(user, question)
        and question.visibility == Visibility.PUBLISHABLE
        and question.faq_state in (FaqState.NONE, FaqState.PENDING)
    )


def can_withdraw(user, question: DoctorQuestion) -> bool:
    return question.asker_id == user.pk and question.status in TRANSITIONS_TO(S.WITHDRAWN)


def can_follow_up(user, question: DoctorQuestion, *, has_follow_up: bool) -> bool:
    return (
        question.asker_id == user.pk
        and can_participate(user)
        and question.status == S.ANSWERED
        and not has_follow_up
    )


def can_reply_with_info(user, question: DoctorQuestion) -> bool:
    return question.asker_id == user.pk and question.status == S.NEEDS_INFO


def TRANSITIONS_TO(status: str) -> frozenset[str]:  # noqa: N802 (reads like the table)
    return frozenset(source for source, targets in TRANSITIONS.items() if status in targets)


def _answer_or_none(question: DoctorQuestion) -> DoctorAnswer | None:
    try:
        return question.answer
    except DoctorAnswer.DoesNotExist:
        return None


# ---------------------------------------------------------------------------------------------
# The one place a status changes
# ---------------------------------------------------------------------------------------------


def _move(
    question_id: int, *, to: str, only_from: frozenset[str] | None = None, extra=None, **fields
) -> DoctorQuestion:
    """Move a question to `to` if it is in an allowed status; a conditional UPDATE.

    `only_from` narrows the allowed sources (e.g. only from CLAIMED); `extra` narrows the row
    (e.g. `Q(claimed_by=clinician)`). Raises QueueError, changing nothing, when no row matched.
    """
    sources = TRANSITIONS_TO(to)
    if only_from is not None:
        sources &= only_from
    now = timezone.now()
    rows = DoctorQuestion.objects.filter(pk=question_id, status__in=sources)
    if extra is not None:
        rows = rows.filter(extra)
    if rows.update(status=to, status_changed_at=now, **fields) != 1:
        raise QueueError(_refusal(question_id))
    moved = DoctorQuestion.objects.for_question_page().get(pk=question_id)
    # The item page counts answered questions; readers' cached copy must not lag behind.
    caching.forget_item_page(moved.article)
    return moved


def _refusal(question_id: int) -> str:
    current = (
        DoctorQuestion.objects.filter(pk=question_id)
        .select_related("claimed_by__clinician_profile")
        .first()
    )
    if current is None:
        return "This question no longer exists."
    if current.status in (S.CLAIMED, S.NEEDS_INFO) and current.claimed_by is not None:
        return f"{clinician_name(current.claimed_by)} is already working on this question."
    return _REFUSALS[current.status]


def clinician_name(user) -> str:
    profile = getattr(user, "clinician_profile", None)
    return profile.badge if profile is not None else user.display_handle


def _require_clinician(user) -> None:
    if not can_answer_questions(user):
        raise PermissionDenied("Only verified clinicians with two-factor authentication.")


def _notify(question: DoctorQuestion, event: str) -> None:
    from .ask_doctor_tasks import send_question_update

    pk = question.pk
    transaction.on_commit(lambda: send_question_update.enqueue(pk, event))


# ---------------------------------------------------------------------------------------------
# Patient side
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def ask_question(
    *,
    asker,
    article: Article,
    body: str,
    visibility: str = Visibility.PRIVATE,
    show_handle: bool = False,
    age_range: str = "",
    conditions: str = "",
    medicines: str = "",
) -> DoctorQuestion:
    if not can_ask(asker):
        raise PermissionDenied("Verify your email address to ask a question.")
    if not article.is_public:
        raise QueueError("This item is not published.")
    if visibility not in Visibility.values:
        raise QueueError("Choose whether the question is private or may be published.")
    return DoctorQuestion.objects.create(
        asker=asker,
        article=article,
        body=body,
        visibility=visibility,
        show_handle=show_handle and visibility == Visibility.PUBLISHABLE,
        age_range=age_range,
        conditions=conditions,
        medicines=medicines,
    )


@transaction.atomic
def withdraw_question(*, question: DoctorQuestion, asker) -> DoctorQuestion:
    if question.asker_id != asker.pk:
        raise PermissionDenied
    try:
        return _move(question.pk, to=S.WITHDRAWN, extra=Q(asker=asker))
    except QueueError:
        raise QueueError("Only a question that has not been answered can be withdrawn.") from None


@transaction.atomic
def reply_with_info(*, question: DoctorQuestion, asker, body: str) -> DoctorQuestion:
    """The asker answers a clinician's request; the question returns to that clinician."""
    if question.asker_id != asker.pk:
        raise PermissionDenied
    moved = _move(question.pk, to=S.CLAIMED, only_from=frozenset({S.NEEDS_INFO}))
    QuestionMessage.objects.create(
        question=moved, author=asker, kind=MessageKind.INFO_REPLY, body=body
    )
    return moved


@transaction.atomic
def add_follow_up(*, question: DoctorQuestion, asker, body: str) -> QuestionMessage:
    if question.asker_id != asker.pk or not can_participate(asker):
        raise PermissionDenied
    current = DoctorQuestion.objects.select_for_update(of=("self",)).get(pk=question.pk)
    if current.status != S.ANSWERED:
        raise QueueError("You can add a follow-up only to an answered question.")
    try:
        with transaction.atomic():
            message = QuestionMessage.objects.create(
                question=current, author=asker, kind=MessageKind.FOLLOW_UP, body=body
            )
    except IntegrityError:
        raise QueueError("You have already added a follow-up to this question.") from None
    DoctorQuestion.objects.filter(pk=current.pk).update(follow_up_pending=True)
    return message


@transaction.atomic
def close_question(*, question: DoctorQuestion, user) -> DoctorQuestion:
    """The asker (or the answering clinician) marks an answered or declined question done."""
    if question.asker_id != user.pk and not can_work_on(user, question):
        raise PermissionDenied
    return _move(question.pk, to=S.CLOSED)


# ---------------------------------------------------------------------------------------------
# Clinician side
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def claim_question(*, question_id: int, clinician) -> DoctorQuestion:
    _require_clinician(clinician)
    return _move(
        question_id,
        to=S.CLAIMED,
        only_from=frozenset({S.SUBMITTED}),
        claimed_by=clinician,
        claimed_at=timezone.now(),
    )


@transaction.atomic
def release_question(*, question_id: int, clinician) -> DoctorQuestion:
    _require_clinician(clinician)
    try:
        return _move(
            question_id,
            to=S.SUBMITTED,
            extra=Q(claimed_by=clinician),
            claimed_by=None,
            claimed_at=None,
        )
    except QueueError:
        raise QueueError("You can release only a question you hold.") from None


@transaction.atomic
def answer_question(*, question_id: int, clinician, body: str) -> DoctorQuestion:
    _require_clinician(clinician)
    now = timezone.now()
    question = _move(
        question_id,
        to=S.ANSWERED,
        only_from=frozenset({S.CLAIMED}),
        extra=Q(claimed_by=clinician),
        answered_at=now,
    )
    question.answer = DoctorAnswer.objects.create(
        question=question, clinician=clinician, body=body, answered_at=now
    )
    _notify(question, "answered")
    return question


@transaction.atomic
def request_info(*, question_id: int, clinician, body: str) -> DoctorQuestion:
    _require_clinician(clinician)
    question = _move(
        question_id,
        to=S.NEEDS_INFO,
        only_from=frozenset({S.CLAIMED}),
        extra=Q(claimed_by=clinician),
    )
    QuestionMessage.objects.create(
        question=question, author=clinician, kind=MessageKind.INFO_REQUEST, body=body
    )
    _notify(question, "needs_info")
    return question


@transaction.atomic
def decline_question(*, question_id: int, clinician, reason: str, care: str) -> DoctorQuestion:
    _require_clinician(clinician)
    if care not in CarePointer.values:
        raise QueueError("Choose where the asker should turn instead.")
    question = _move(question_id, to=S.DECLINED, extra=Q(claimed_by=clinician))
    question.decline_reason = reason
    question.decline_care = care
    question.save(update_fields=["decline_reason", "decline_reason_html", "decline_care"])
    _notify(question, "declined")
    return question


@transaction.atomic
def edit_answer(*, question_id: int, clinician, body: str) -> DoctorAnswer:
    _require_clinician(clinician)
    answer = (
        DoctorAnswer.objects.select_for_update(of=("self",))
        .select_related("question")
        .filter(question_id=question_id)
        .first()
    )
    if answer is None or not can_edit_answer(clinician, answer.question):
        raise PermissionDenied("You can edit only your own answer.")
    if answer.body == body:
        return answer
    DoctorAnswerRevision.objects.create(answer=answer, body=answer.body)
    answer.body = body
    answer.edited_at = timezone.now()
    answer.save(update_fields=["body", "body_html", "edited_at"])
    return answer


@transaction.atomic
def reply_to_follow_up(*, question_id: int, clinician, body: str) -> QuestionMessage:
    _require_clinician(clinician)
    question = DoctorQuestion.objects.select_for_update(of=("self",)).get(pk=question_id)
    answer = _answer_or_none(question)
    if answer is None or answer.clinician_id != clinician.pk:
        raise PermissionDenied("Only the clinician who answered can reply to the follow-up.")
    if not QuestionMessage.objects.filter(question=question, kind=MessageKind.FOLLOW_UP).exists():
        raise QueueError("There is no follow-up to reply to.")
    try:
        with transaction.atomic():
            message = QuestionMessage.objects.create(
                question=question, author=clinician, kind=MessageKind.FOLLOW_UP_REPLY, body=body
            )
    except IntegrityError:
        raise QueueError("The follow-up has already been answered.") from None
    DoctorQuestion.objects.filter(pk=question.pk).update(follow_up_pending=False)
    _notify(question, "answered")
    return message


@transaction.atomic
def set_urgent(*, question_id: int, staff_user, urgent: bool) -> None:
    """Staff (and, later, the safety screening) put a question at the top of the queue."""
    if not (staff_user.is_staff and has_mfa(staff_user)):
        raise PermissionDenied
    DoctorQuestion.objects.filter(pk=question_id).update(urgent=urgent)


@transaction.atomic
def release_stale_claims(*, now=None) -> int:
    """Claims held longer than the timeout without an answer go back to the queue."""
    cutoff = (now or timezone.now()) - claim_timeout()
    return DoctorQuestion.objects.filter(status=S.CLAIMED, claimed_at__lt=cutoff).update(
        status=S.SUBMITTED, claimed_by=None, claimed_at=None, status_changed_at=timezone.now()
    )


# ---------------------------------------------------------------------------------------------
# From answer to the item's FAQ, with the asker's consent
# ---------------------------------------------------------------------------------------------


@transaction.atomic
def propose_faq(
    *, question_id: int, clinician, faq_question: str, faq_answer: str
) -> DoctorQuestion:
    """The answering clinician offers a de-identified version; the asker is emailed a link."""
    _require_clinician(clinician)
    question = (
        DoctorQuestion.objects.select_for_update(of=("self",))
        .select_related("answer")
        .get(pk=question_id)
    )
    if not can_propose_faq(clinician, question):
        raise PermissionDenied("Only the answering clinician, on a publishable question.")
    question.faq_question = faq_question
    question.faq_answer = faq_answer
    question.faq_state = FaqState.PENDING
    question.faq_proposed_at = timezone.now()
    question.save(
        update_fields=[
            "faq_question",
            "faq_answer",
            "faq_answer_html",
            "faq_state",
            "faq_proposed_at",
        ]
    )
    pk = question.pk
    from .ask_doctor_tasks import send_faq_consent_request

    transaction.on_commit(lambda: send_faq_consent_request.enqueue(pk))
    return question


def faq_consent_token(question: DoctorQuestion) -> str:
    """Signed for this proposal: an edited proposal needs a new confirmation."""
    return signing.dumps(
        [question.public_id, question.faq_proposed_at.isoformat()], salt=FAQ_CONSENT_SALT
    )


def check_faq_consent_token(question: DoctorQuestion, token: str) -> bool:
    try:
        value = signing.loads(
            token, salt=FAQ_CONSENT_SALT, max_age=FAQ_CONSENT_MAX_AGE.total_seconds()
        )
    except signing.BadSignature:
        return False
    return question.faq_proposed_at is not None and value == [
        question.public_id,
        question.faq_proposed_at.isoformat(),
    ]


@transaction.atomic
def confirm_faq(*, question: DoctorQuestion, asker, token: str, consent: bool) -> DoctorQuestion:
    """The asker says yes (the Q&A joins the item's FAQ) or no (nothing is published)."""
    if question.asker_id != asker.pk:
        raise PermissionDenied
    current = (
        DoctorQuestion.objects.select_for_update(of=("self",))
        .select_related("answer__clinician__clinician_profile")
        .get(pk=question.pk)
    )
    if current.faq_state != FaqState.PENDING or current.visibility != Visibility.PUBLISHABLE:
        raise QueueError("There is nothing waiting for your confirmation.")
    if not check_faq_consent_token(current, token):
        raise QueueError("This link has expired or was replaced by a newer one.")
    if not consent:
        current.faq_state = FaqState.REFUSED
        current.save(update_fields=["faq_state"])
        return current
    answer = current.answer
    attribution = (
        f"\n\n*Answered by {clinician_name(answer.clinician)}.*" if answer.clinician else ""
    )
    last = FAQItem.objects.filter(article_id=current.article_id).order_by("-position").first()
    current.faq_item = FAQItem.objects.create(
        article_id=current.article_id,
        question=current.faq_question,
        answer=current.faq_answer + attribution,
        position=(last.position + 1) if last else 0,
    )
    current.faq_state = FaqState.PUBLISHED
    current.save(update_fields=["faq_item", "faq_state"])
    return current


# ---------------------------------------------------------------------------------------------
# Access log, reads that pages need
# ---------------------------------------------------------------------------------------------


def record_access(*, question: DoctorQuestion, viewer, where: str = "site") -> None:
    """Anyone but the asker opening a private question leaves a record: who, when, which."""
    if question.asker_id == viewer.pk or not question.is_private:
        return
    QuestionAccessLog.objects.create(
        question=question, viewer=viewer, viewer_email=viewer.email, where=where
    )


def expected_wait_days(*, sample: int = 200) -> int | None:
    """Days within which most (four in five) recent questions were answered; None if too few."""
    rows = list(
        DoctorQuestion.objects.filter(answered_at__isnull=False)
        .order_by("-answered_at")
        .values_list("asked_at", "answered_at")[:sample]
    )
    if len(rows) < 3:
        return None
    waits = sorted((answered - asked).total_seconds() for asked, answered in rows)
    at = waits[min(len(waits) - 1, math.ceil(len(waits) * 0.8) - 1)]
    return max(1, math.ceil(at / 86400))


def article_block_context(article: Article, viewer) -> dict:
    """What the item page's "ask the clinician" block shows. Two queries, whatever the size."""
    published = list(
        FAQItem.objects.filter(article=article, source_question__isnull=False)
        .select_related("source_question__asker")
        .order_by("position", "pk")
    )
    counts = DoctorQuestion.objects.filter(article=article).aggregate(
        answered=Count("pk", filter=Q(status__in=ANSWERED_STATUSES))
    )
    return {
        "article": article,
        "ask_url": article_ask_url(article),
        "published_questions": [
            {
                "question": item.question,
                "answer_html": item.answer_html,
                "asker_handle": (
                    item.source_question.asker.display_handle
                    if item.source_question.show_handle
                    else ""
                ),
            }
            for item in published
        ],
        "answered_count": counts["answered"],
        "viewer_can_ask": can_ask(viewer),
    }


def article_ask_url(article: Article) -> str:
    from django.urls import reverse

    return reverse("articles:ask-doctor-ask", kwargs={"number": article.number})


# ---------------------------------------------------------------------------------------------
# Account export and deletion (registered with accounts.hooks in ArticlesConfig.ready)
# ---------------------------------------------------------------------------------------------


def export_questions(user) -> list[dict]:
    questions = (
        DoctorQuestion.objects.filter(asker=user)
        .select_related("article", "answer")
        .prefetch_related("messages")
        .order_by("asked_at")
    )
    exported = []
    for question in questions:
        answer = _answer_or_none(question)
        exported.append(
            {
                "id": question.public_id,
                "item": question.article.number,
                "asked_at": question.asked_at.isoformat(),
                "status": question.status,
                "visibility": question.visibility,
                "question": question.body,
                "age_range": question.age_range,
                "conditions": question.conditions,
                "medicines": question.medicines,
                "answer": answer.body if answer else "",
                "decline_reason": question.decline_reason,
                "messages": [
                    {"kind": m.kind, "at": m.created_at.isoformat(), "text": m.body}
                    for m in question.messages.all()
                ],
            }
        )
    return exported


def delete_questions_of(user) -> None:
    """Private health information must not outlive the account.

    Questions the member asked are deleted (with their answers, messages and access records);
    an already published FAQ entry stays, since it was de-identified and consented to. Claims
    the member held as a clinician go back to the queue.
    """
    DoctorQuestion.objects.filter(asker=user).delete()
    DoctorQuestion.objects.filter(claimed_by=user, status__in=(S.CLAIMED, S.NEEDS_INFO)).update(
        status=S.SUBMITTED, claimed_by=None, claimed_at=None, status_changed_at=timezone.now()
    )


def register_account_hooks() -> None:
    """Called from ArticlesConfig.ready(): deletion and export must reach questions in every
    process (web, worker, shell, management command), not only where URLs were loaded."""
    hooks.on_account_deleted(delete_questions_of)
    hooks.register_exporter("questions", export_questions)
