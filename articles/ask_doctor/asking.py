"""The asker's verbs: ask, withdraw, answer a request for information, follow up, close.

Status changes go through `queue._move`, like the clinicians' verbs, so the same races are lost
cleanly by one side.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import User, VerificationStatus
from notifications import notify_many
from notifications.kinds import Kind
from notifications.preferences import opted_in_user_ids

from ..models import (
    Article,
    DoctorQuestion,
    MessageKind,
    QuestionMessage,
    QuestionStatus,
    Visibility,
)
from ..models.ask_doctor import forget_queue_items
from . import permissions, safety
from .queue import QueueError, _move

S = QuestionStatus


class IdenticalQuestion(QueueError):
    """The asker sent this very text moments ago (a double submit, or a bot)."""


def identical_question_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "ASK_DOCTOR_IDENTICAL_MINUTES", 10))


@transaction.atomic
def ask_question(
    *,
    asker,
    article: Article | None,
    body: str,
    visibility: str = Visibility.PRIVATE,
    show_handle: bool = False,
    age_range: str = "",
    conditions: str = "",
    medicines: str = "",
) -> DoctorQuestion:
    if not permissions.can_ask(asker):
        raise PermissionDenied("Verify your email address to ask a question.")
    # No item: a general question, about nothing on the site in particular.
    if article is not None and not article.is_public:
        raise QueueError("This item is not published.")
    if visibility not in Visibility.values:
        raise QueueError("Choose whether the question is private or may be published.")
    since = timezone.now() - identical_question_window()
    if DoctorQuestion.objects.filter(asker=asker, body=body, asked_at__gte=since).exists():
        raise IdenticalQuestion(
            "You sent this same question a few minutes ago, and it is already with the "
            "clinicians: see My questions. To ask something else, change the text."
        )
    crisis_kind = safety.crisis_kind_in(body)
    question = DoctorQuestion.objects.create(
        asker=asker,
        article=article,
        body=body,
        visibility=visibility,
        show_handle=show_handle and visibility == Visibility.PUBLISHABLE,
        age_range=age_range,
        conditions=conditions,
        medicines=medicines,
        urgent=bool(crisis_kind),
        crisis_kind=crisis_kind,
    )
    if crisis_kind:
        safety.announce_crisis(question, crisis_kind)
    if article is not None:  # the queue's item filter may lack this item yet
        transaction.on_commit(forget_queue_items)
    _alert_opted_in_clinicians(question)
    return question


def _alert_opted_in_clinicians(question: DoctorQuestion) -> None:
    """Clinicians who turned on the queue alert hear that a question is waiting: a generic
    line and the queue's address, never the question (two queries, one task)."""
    opted_in = opted_in_user_ids(kind=Kind.QUEUE_QUESTION)
    if not opted_in:
        return
    clinicians = User.objects.filter(
        pk__in=opted_in,
        clinician_profile__status=VerificationStatus.VERIFIED,
        groups__permissions__codename="answer_doctorquestion",
    ).exclude(pk=question.asker_id)
    notify_many(
        recipient_ids=clinicians.values_list("pk", flat=True).distinct(),
        kind=Kind.QUEUE_QUESTION,
        url=reverse("articles:ask-doctor-queue"),
        title="A new question is waiting in the ask-the-doctor queue",
        dedupe_key=f"ask-doctor-question:{question.pk}",
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
    safety.flag_if_in_crisis(question=moved, text=body)
    return moved


@transaction.atomic
def add_follow_up(*, question: DoctorQuestion, asker, body: str) -> QuestionMessage:
    if question.asker_id != asker.pk or not permissions.can_ask(asker):
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
    safety.flag_if_in_crisis(question=current, text=body)
    return message


@transaction.atomic
def close_question(*, question: DoctorQuestion, user) -> DoctorQuestion:
    """The asker (or the clinician holding it) marks an answered or declined question done."""
    if question.asker_id != user.pk and not permissions.holds_claim(user, question):
        raise PermissionDenied
    return _move(question.pk, to=S.CLOSED)
