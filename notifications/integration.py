"""What notifications answers accounts' signals with: its part of a member's data export, and
what goes when an account is deleted. Connected in NotificationsConfig.ready()."""

from .models import Follow, Notification, NotificationPreference, OutboundEmail, OutboundStatus


def export_notifications(sender, *, user, **kwargs) -> dict:
    return {"notifications": _export(user)}


def _export(user) -> dict:
    return {
        "preferences": [
            {"kind": p.kind, "in_app": p.in_app, "email": p.email}
            for p in NotificationPreference.objects.filter(user=user).order_by("kind")
        ],
        "follows": list(
            Follow.objects.filter(user=user).order_by("key").values_list("key", flat=True)
        ),
        "notifications": [
            {"kind": n.kind, "title": n.title, "url": n.url, "created_at": n.created_at.isoformat(),
             "read": n.read_at is not None}
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
    }  # fmt: skip


def forget_member(sender, *, user, **kwargs) -> None:
    """Deleting an account: their notifications, choices and follows go, and so does any email
    to them that has not been sent yet."""
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
    Follow.objects.filter(user=user).delete()
    OutboundEmail.objects.filter(to=[user.email]).exclude(status=OutboundStatus.SENT).delete()
