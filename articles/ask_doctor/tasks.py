"""What the asker hears, run after the queue's and the FAQ flow's signals.

A question that moved (answered, needs information, declined) becomes a notification: in the
asker's list, and emailed as they chose (at once by default). The FAQ consent request stays a
direct email (it carries a signed link only the asker may use), sent through the outbox like
every email. Tasks receive primary keys, never text, and nothing here carries the question's
words: not a notification title, not an email, not a log line or a task argument. The receivers
are connected when this module is imported, in ArticlesConfig.ready.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.dispatch import receiver
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse

from notifications import notify
from notifications.kinds import Kind

from ..models import DoctorQuestion, FaqState
from .faq import faq_consent_token, faq_proposed
from .queue import question_moved

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


# Generic lines: the asker's question is on the page behind the link, never in the title.
QUESTION_NOTIFICATIONS = {
    "answered": (Kind.QUESTION_ANSWERED, "A clinician has answered your question"),
    "needs_info": (
        Kind.QUESTION_NEEDS_INFO,
        "A clinician needs more information about your question",
    ),
    "declined": (Kind.QUESTION_DECLINED, "A clinician has replied to your question"),
}


@receiver(question_moved, dispatch_uid="ask_doctor.notify_question_moved")
def _notify_question_moved(sender, *, question_id, event, **kwargs):
    question = DoctorQuestion.objects.select_related("asker").filter(pk=question_id).first()
    if question is None or event not in QUESTION_NOTIFICATIONS:
        return
    kind, title = QUESTION_NOTIFICATIONS[event]
    notify(recipient=question.asker, kind=kind, url=question.get_absolute_url(), title=title)


@receiver(faq_proposed, dispatch_uid="ask_doctor.email_faq_consent")
def _email_faq_consent(sender, *, question_id, **kwargs):
    send_faq_consent_request.enqueue(question_id)
