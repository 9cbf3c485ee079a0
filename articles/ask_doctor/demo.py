"""Demo ask-the-doctor questions by the demo patient, in several statuses. Idempotent.

Runs after `articles.demo.load()`; asks only about the demo items (found by their fixed keys,
never a real item), and does nothing when they or the demo members are gone. Rows are written
directly (no emails are sent for demo content), then the items' stored answered counts are
recounted.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import User

from .. import demo as articles_demo
from ..models import (
    CarePointer,
    DoctorAnswer,
    DoctorQuestion,
    FAQItem,
    FaqState,
    MessageKind,
    QuestionMessage,
    QuestionStatus,
    Visibility,
)
from .integration import recount_answered_questions

S = QuestionStatus


@transaction.atomic
def load() -> int:
    """Create the demo questions once; return how many were created."""
    patient = User.objects.filter(email=f"patient@{DEMO_DOMAIN}").first()
    clinician = (
        User.objects.select_related("clinician_profile")
        .filter(email=f"clinician@{DEMO_DOMAIN}")
        .first()
    )
    items = list(articles_demo.demo_items()[:3])
    if patient is None or clinician is None or not items:
        return 0
    if DoctorQuestion.objects.filter(asker=patient).exists():
        return 0
    now = timezone.now()
    first, second, third = (items * 3)[:3]

    def question(article, body, status, *, days, **fields):
        return DoctorQuestion.objects.create(
            article=article,
            asker=patient,
            body=body,
            status=status,
            asked_at=now - timedelta(days=days),
            status_changed_at=now - timedelta(days=days),
            **fields,
        )

    question(
        first,
        "I have read this item twice. I am 52 and have had mild asthma since childhood. "
        "Does what it describes change anything for someone like me?",
        S.SUBMITTED,
        days=3,
        age_range="45_64",
        conditions="mild asthma",
    )

    needs_info = question(
        second,
        "My father was started on a new blood pressure tablet last month. Is the effect in "
        "this item something we should watch for?",
        S.NEEDS_INFO,
        days=2,
        claimed_by=clinician,
        claimed_at=now - timedelta(days=1),
    )
    QuestionMessage.objects.create(
        question=needs_info,
        author=clinician,
        kind=MessageKind.INFO_REQUEST,
        body="Could you tell me the name of the tablet, if you have it, and whether he takes "
        "anything else each day?",
    )

    answered = question(
        first,
        "Would the results in this item apply to someone who already exercises three times a week?",
        S.ANSWERED,
        days=6,
        visibility=Visibility.PUBLISHABLE,
        claimed_by=clinician,
        claimed_at=now - timedelta(days=5),
        answered_at=now - timedelta(days=4),
    )
    answer_text = (
        "In general, yes: the people in the study were of mixed activity levels, and the "
        "finding held across them. Being active already is a good start.\n\n"
        "- Keep doing what works for you.\n- Ask your own clinician before adding anything new."
    )
    DoctorAnswer.objects.create(
        question=answered,
        clinician=clinician,
        body=answer_text,
        answered_at=now - timedelta(days=4),
    )
    faq = FAQItem.objects.create(
        article=first,
        question="Does this apply to people who already exercise regularly?",
        answer=f"{answer_text}\n\n*Answered by {clinician.clinician_profile.badge}.*",
        position=100,
    )
    DoctorQuestion.objects.filter(pk=answered.pk).update(
        faq_item=faq,
        faq_state=FaqState.PUBLISHED,
        faq_question=faq.question,
        faq_answer=answer_text,
        faq_proposed_at=now - timedelta(days=3),
    )

    question(
        third,
        "I stopped my antidepressant two days ago because of this item and now feel dizzy. "
        "What should I do?",
        S.DECLINED,
        days=1,
        claimed_by=clinician,
        claimed_at=now - timedelta(hours=20),
        decline_care=CarePointer.OWN_CLINICIAN,
        decline_reason="Stopping suddenly can cause symptoms like these, and this needs "
        "someone who knows your history. Please contact your prescriber today, and seek "
        "urgent care if you feel worse.",
    )
    # A general question, about no particular item, from the "Ask a clinician" page.
    question(
        None,
        "Is it all right to take an antihistamine for hay fever the night before a long drive?",
        S.SUBMITTED,
        days=1,
    )
    recount_answered_questions([item.pk for item in items])
    return 5
