"""A member reports something: one service, one transaction, one open report per target."""

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import ItemKind, Report, ReviewItem
from .queue import REPORT_RISK, add_item
from .targets import fields_for, key_of


class AlreadyReported(Exception):
    message = (
        "You have already reported this, and a moderator will look at it. "
        "We will tell you when it is resolved."
    )


def open_report_by(user, target) -> Report | None:
    return Report.objects.filter(reporter=user, target_key=key_of(target), resolved_at=None).first()


@transaction.atomic
def report(*, reporter, target, reason: str, details: str = "") -> Report:
    """File the report and put its target in the queue (or raise its risk there)."""
    item = add_item(target=target, kind=ItemKind.REPORT, risk=REPORT_RISK[reason])
    try:
        with transaction.atomic():
            made = Report.objects.create(
                reporter=reporter,
                reason=reason,
                details=details,
                review_item=item,
                **fields_for(target),
            )
    except IntegrityError as error:  # the partial unique index: one open report per target
        raise AlreadyReported from error
    ReviewItem.objects.filter(pk=item.pk).update(report_count=F("report_count") + 1)
    return made
