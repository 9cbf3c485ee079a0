"""Background work for accounts. Tasks take primary keys and reload what they need."""

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.template.loader import render_to_string

from .models import ClinicianProfile


@task
def send_review_outcome(*, profile_id: int) -> bool:
    """Tell an applicant what staff decided about their clinician application."""
    profile = (
        ClinicianProfile.objects.select_related("user")
        .filter(pk=profile_id, user__deleted_at=None)
        .first()
    )
    if profile is None or profile.status == "pending":
        return False  # the account was deleted, or the decision undone, before we ran
    context = {
        "profile": profile,
        "member": profile.user,
        "site_name": settings.SITE_NAME,
        "site_url": getattr(settings, "SITE_URL", ""),
    }
    subject = render_to_string("accounts/email/review_outcome_subject.txt", context)
    body = render_to_string("accounts/email/review_outcome_message.txt", context)
    send_mail(
        subject=" ".join(subject.split()),
        message=body,
        from_email=None,
        recipient_list=[profile.user.email],
    )
    return True
