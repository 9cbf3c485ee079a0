"""Ask-the-doctor emails, run by the task worker; the bodies are templates in email/.

Tasks receive primary keys, never text, and the emails carry only a link: a private question's
words are never put in an email, a log line or a task argument. The queue and the FAQ flow
announce what happened with signals; the receivers below enqueue the emails (they are connected
when this module is imported, in ArticlesConfig.ready).
"""

from django.conf import settings
from django.core.mail import send_mail
from django.dispatch import receiver
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from ..models import DoctorQuestion, FaqState
from .faq import faq_consent_token, faq_proposed
from .queue import question_moved

EVENTS = frozenset({"answered", "needs_info", "declined"})
TEMPLATES = "articles/ask_doctor/email/"


def _send(template: str, question: DoctorQuestion, link: str, **context) -> None:
    context = {"prefix": settings.ACCOUNT_EMAIL_SUBJECT_PREFIX, "link": link, **context}
    subject = render_to_string(f"{TEMPLATES}{template}_subject.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=render_to_string(f"{TEMPLATES}{template}_message.txt", context),
        from_email=None,
        recipient_list=[question.asker.email],
    )


@task
def send_question_update(question_id: int, event: str) -> bool:
    """Tell the asker that their question moved; the email is a link, nothing more."""
    question = DoctorQuestion.objects.select_related("asker").filter(pk=question_id).first()
    if question is None or event not in EVENTS or question.asker.deleted_at is not None:
        return False
    link = settings.SITE_URL + question.get_absolute_url()
    _send("question_update", question, link, event=event)
    return True


@task
def send_faq_consent_request(question_id: int) -> bool:
    """Ask the asker whether a de-identified version of their Q&A may join the item's FAQ."""
    question = DoctorQuestion.objects.select_related("asker").filter(pk=question_id).first()
    if question is None or question.faq_state != FaqState.PENDING:
        return False
    path = reverse(
        "articles:ask-doctor-faq-consent",
        kwargs={"public_id": question.public_id, "token": faq_consent_token(question)},
    )
    _send("faq_consent", question, settings.SITE_URL + path)
    return True


@receiver(question_moved, dispatch_uid="ask_doctor.email_question_update")
def _email_question_update(sender, *, question_id, event, **kwargs):
    send_question_update.enqueue(question_id, event)


@receiver(faq_proposed, dispatch_uid="ask_doctor.email_faq_consent")
def _email_faq_consent(sender, *, question_id, **kwargs):
    send_faq_consent_request.enqueue(question_id)
