"""From answer to the item's FAQ, with the asker's consent.

The answering clinician proposes a de-identified version; the asker receives a signed link
(`faq_proposed` is sent after commit, and the email task listens) and says yes or no. Nothing is
published without that yes.
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from ..models import DoctorQuestion, FAQItem, FaqState, Visibility
from . import permissions
from .queue import QueueError, _require_clinician, clinician_name

FAQ_CONSENT_SALT = "articles.ask_doctor.faq-consent"
FAQ_CONSENT_MAX_AGE = timedelta(days=30)

# Sent after commit with `question_id`: the asker should be asked for consent.
faq_proposed = Signal()


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
    if not permissions.can_propose_faq(clinician, question):
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
    transaction.on_commit(lambda: faq_proposed.send(sender=DoctorQuestion, question_id=pk))
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
