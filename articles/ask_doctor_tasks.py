"""Ask-the-doctor emails and upkeep, run by the task worker.

Tasks receive primary keys, never text, and the emails carry only a link: a private question's
words are never put in an email, a log line or a task argument.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task

SUBJECTS = {
    "answered": "A clinician has answered your question",
    "needs_info": "A clinician needs more information about your question",
    "declined": "About your question to a clinician",
}
LEADS = {
    "answered": "A clinician has replied to the question you asked on Clinical Context.",
    "needs_info": (
        "A clinician is looking at the question you asked on Clinical Context and needs a "
        "little more information before answering."
    ),
    "declined": (
        "A clinician has looked at the question you asked on Clinical Context and explained "
        "where you can get the right help."
    ),
}
FOOTER = (
    "For your privacy this email does not repeat your question. Log in to read it.\n\n"
    "In an emergency, call your local emergency number or go to the nearest emergency "
    "department."
)


@task
def send_question_update(question_id: int, event: str) -> bool:
    """Tell the asker that their question moved; the email is a link, nothing more."""
    from .models import DoctorQuestion

    question = DoctorQuestion.objects.select_related("asker").filter(pk=question_id).first()
    if question is None or event not in SUBJECTS or question.asker.deleted_at is not None:
        return False
    link = settings.SITE_URL + question.get_absolute_url()
    send_mail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + SUBJECTS[event],
        message=f"{LEADS[event]}\n\nRead it here:\n{link}\n\n{FOOTER}\n",
        from_email=None,
        recipient_list=[question.asker.email],
    )
    return True


@task
def send_faq_consent_request(question_id: int) -> bool:
    """Ask the asker whether a de-identified version of their Q&A may join the item's FAQ."""
    from django.urls import reverse

    from .ask_doctor import faq_consent_token
    from .models import DoctorQuestion, FaqState

    question = DoctorQuestion.objects.select_related("asker").filter(pk=question_id).first()
    if question is None or question.faq_state != FaqState.PENDING:
        return False
    path = reverse(
        "articles:ask-doctor-faq-consent",
        kwargs={"public_id": question.public_id, "token": faq_consent_token(question)},
    )
    send_mail(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + "May your question help other readers?",
        message=(
            "The clinician who answered your question would like to add it, with personal "
            "details removed, to the item's frequently asked questions.\n\n"
            "Nothing is published unless you say yes. See exactly what would be shown, and "
            f"choose, here:\n{settings.SITE_URL}{path}\n\n{FOOTER}\n"
        ),
        from_email=None,
        recipient_list=[question.asker.email],
    )
    return True


@task
def release_stale_claims_task() -> int:
    """Run on a schedule (cron or the worker): unanswered claims return to the queue."""
    from .ask_doctor import release_stale_claims

    return release_stale_claims()
