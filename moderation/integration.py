"""What moderation answers when accounts asks (connected in apps.py): a member's reports and
appeals in their data export, and their words taken out when they delete their account.

A deleted member's reports and appeals stay as records (the queue and the log need them), but
what they wrote in them goes with the account, like their posts' text.
"""

from .models import Appeal, Report


def export_moderation(sender, *, user, **kwargs) -> dict[str, list[dict]]:
    reports = Report.objects.filter(reporter=user).order_by("created_at")
    appeals = Appeal.objects.filter(appellant=user).select_related("action").order_by("created_at")
    return {
        "reports_made": [
            {
                "about": report.get_target_kind_display(),
                "reason": report.get_reason_display(),
                "details": report.details,
                "created_at": report.created_at.isoformat(),
                "resolved": report.get_outcome_display() if report.resolved_at else None,
            }
            for report in reports
        ],
        "appeals": [
            {
                "against": appeal.action.get_action_display(),
                "statement": appeal.statement,
                "created_at": appeal.created_at.isoformat(),
                "decision": appeal.get_outcome_display() or None,
                "decision_reason": appeal.decision_reason,
            }
            for appeal in appeals
        ],
    }


def forget_words_of(sender, *, user, **kwargs) -> None:
    Report.objects.filter(reporter=user).update(details="")
    Appeal.objects.filter(appellant=user).update(statement="")
