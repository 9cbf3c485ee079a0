"""What moderation tells members and moderators, through notifications.notify.

Titles say what happened and link to a page the recipient may open; they never quote a post,
a held post or a private question (an email carries only the title and the link), and a
reporter is never told who was acted on or how, only that their report was resolved.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse

from accounts.models import User
from notifications import notify, notify_many
from notifications.kinds import Kind


def tell_reporters(reports, *, moderator) -> None:
    """Each reporter hears once that their report was resolved (in the action's transaction:
    if the action fails, nobody hears of it)."""
    url = reverse("moderation:my-reports")
    for one in reports:
        notify(
            recipient=one.reporter,
            kind=Kind.REPORT_RESOLVED,
            url=url,
            title="A moderator reviewed something you reported. Thank you for telling us.",
            actor=moderator,
            dedupe_key=f"moderation-report:{one.pk}",
        )


def tell_appellant(appeal) -> None:
    notify(
        recipient=appeal.appellant,
        kind=Kind.APPEAL_DECIDED,
        url=reverse("moderation:appeal", kwargs={"pk": appeal.pk}),
        title="A moderator decided your appeal",
        actor=appeal.decided_by,
        dedupe_key=f"moderation-appeal:{appeal.pk}",
    )


def moderator_ids():
    """Everyone who holds the review permission, directly or through a role group."""
    permission = Permission.objects.filter(
        content_type__app_label="moderation", codename="review_queue"
    ).first()
    if permission is None:
        return []
    return list(
        User.objects.filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .filter(is_active=True, deleted_at=None)
        .values_list("pk", flat=True)
        .distinct()
    )


_SANCTION_TITLES = {
    "warning": "A moderator sent you a warning",
    "suspension": "A moderator suspended your account for a while",
    "ban": "A moderator banned your account",
}


def tell_sanctioned(sanction, entry) -> None:
    """The member hears of a warning, suspension or ban; the page says why and offers the
    appeal (a warning is not appealed: it restricts nothing)."""
    url = reverse("moderation:removal", kwargs={"pk": entry.pk})
    notify(
        recipient=sanction.member,
        kind=Kind.WARNING,
        url=url,
        title=_SANCTION_TITLES[sanction.kind],
        actor=sanction.created_by,
        dedupe_key=f"moderation-sanction:{sanction.pk}",
    )


def alert_moderators(item, *, title: str, url: str | None = None, dedupe_key=None) -> None:
    """Every moderator, at once in the app (and by email only if they chose it): a crisis
    waits. The title is generic and the link needs the review permission: the held words
    never leave the site."""
    notify_many(
        recipient_ids=moderator_ids(),
        kind=Kind.CRISIS_HOLD,
        url=url or reverse("moderation:item", kwargs={"pk": item.pk}),
        title=title,
        dedupe_key=dedupe_key or (f"moderation-crisis:{item.pk}" if item is not None else None),
    )


def tell_approved(post) -> None:
    notify(
        recipient=post.author,
        kind=Kind.POST_APPROVED,
        url=post.get_absolute_url(),
        title="A moderator approved your post: everyone can read it now",
        dedupe_key=f"moderation-approved:{post.pk}",
    )
