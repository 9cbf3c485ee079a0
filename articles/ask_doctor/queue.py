"""THE ask-the-doctor queue: every change of a question's state, and the verbs that make them.

Every status change goes through `_move()`, a conditional UPDATE that only succeeds from the
statuses `TRANSITIONS` allows: two clinicians claiming at once, or a patient withdrawing while a
clinician answers, cannot both win. Anything else is refused with `QueueError` and changes
nothing. What happened is announced with the `question_moved` signal once the transaction
commits (the emails in `tasks.py` listen); it carries primary keys only, never the question's text.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.dispatch import Signal
from django.utils import timezone

from .. import caching
from ..models import (
    Article,
    CarePointer,
    DoctorAnswer,
    DoctorAnswerRevision,
    DoctorQuestion,
    MessageKind,
    QuestionAccessLog,
    QuestionMessage,
    QuestionStatus,
)
from ..models.ask_doctor import ANSWERED_STATUSES
from . import permissions

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

# Sent after commit with `question_id` and `event` ("answered", "needs_info", "declined").
question_moved = Signal()


class QueueError(Exception):
    """The change is not possible right now (someone else got there first, wrong status)."""


def claim_timeout() -> timedelta:
    return timedelta(hours=getattr(settings, "ASK_DOCTOR_CLAIM_TIMEOUT_HOURS", 24))


def transitions_to(status: str) -> frozenset[str]:
    return frozenset(source for source, targets in TRANSITIONS.items() if status in targets)


def _answered_delta(before: str, after: str) -> int:
    return int(after in ANSWERED_STATUSES) - int(before in ANSWERED_STATUSES)


def _move(
    question_id: int, *, to: str, only_from: frozenset[str] | None = None, extra=None, **fields
) -> DoctorQuestion:
    """Move a question to `to` if it is in an allowed status; a conditional UPDATE.

    `only_from` narrows the allowed sources (e.g. only from CLAIMED); `extra` narrows the row
    (e.g. `Q(claimed_by=clinician)`). Raises QueueError, changing nothing, when no row matched.
    The item's stored answered count follows in the same transaction.
    """
    sources = transitions_to(to)
    if only_from is not None:
        sources &= only_from
    rows = DoctorQuestion.objects.filter(pk=question_id, status__in=sources)
    if extra is not None:
        rows = rows.filter(extra)
    before = rows.select_for_update(of=("self",)).values_list("status", flat=True).first()
    if before is None or rows.update(status=to, status_changed_at=timezone.now(), **fields) != 1:
        raise QueueError(_refusal(question_id))
    moved = DoctorQuestion.objects.select_related("article").get(pk=question_id)
    # A general question has no item whose answered count would change.
    if (delta := _answered_delta(before, to)) and moved.article_id is not None:
        Article.objects.filter(pk=moved.article_id).update(
            answered_question_count=F("answered_question_count") + delta
        )
        # The item page shows the count; readers' cached copy must not lag behind.
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
    if not permissions.is_queue_clinician(user):
        raise PermissionDenied("Only verified clinicians with two-factor authentication.")


def _announce(question: DoctorQuestion, event: str) -> None:
    pk = question.pk
    transaction.on_commit(
        lambda: question_moved.send(sender=DoctorQuestion, question_id=pk, event=event)
    )


# --- The clinician's side ----------------------------------------------------------------------


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
    _announce(question, "answered")
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
    _announce(question, "needs_info")
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
    _announce(question, "declined")
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
    if answer is None or not permissions.can_edit_answer(clinician, answer.question):
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
    answer = permissions.answer_of(question)
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
    _announce(question, "answered")
    return message


@transaction.atomic
def release_stale_claims(*, now=None) -> int:
    """Claims held longer than the timeout without an answer go back to the queue."""
    cutoff = (now or timezone.now()) - claim_timeout()
    return DoctorQuestion.objects.filter(status=S.CLAIMED, claimed_at__lt=cutoff).update(
        status=S.SUBMITTED, claimed_by=None, claimed_at=None, status_changed_at=timezone.now()
    )


def record_access(*, question: DoctorQuestion, viewer, where: str = "site") -> None:
    """Anyone but the asker opening a private question leaves a record: who, when, which."""
    if question.asker_id == viewer.pk or not question.is_private:
        return
    QuestionAccessLog.objects.create(
        question=question, viewer=viewer, viewer_email=viewer.email, where=where
    )


def record_listing(*, cards, viewer) -> int:
    """A queue page shows each card's opening words: listing a private question's excerpt is
    recorded like an open (one row per private question listed, `where="queue"`), in one
    INSERT. Returns how many rows were written.

    Written as one multi-row INSERT without model instances: fifty `QuestionAccessLog`
    objects cost more CPU than the rest of the page's reads (issue 12)."""
    viewer_pk, email = viewer.pk, viewer.email
    listed = [c.pk for c in cards if c.is_private and c.excerpt and c.asker_id != viewer_pk]
    if not listed:
        return 0
    log = QuestionAccessLog._meta
    quote = connection.ops.quote_name
    fields = ("question", "viewer", "viewer_email", "where", "accessed_at")
    columns = ", ".join(quote(log.get_field(name).column) for name in fields)
    rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(listed))
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params = [value for pk in listed for value in (pk, viewer_pk, email, "queue", now)]
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {quote(log.db_table)} ({columns}) VALUES {rows}", params)  # noqa: S608 (names from the model, values as parameters)
    return len(listed)
