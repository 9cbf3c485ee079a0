"""Who may report, review and appeal: one predicate per rule, on the permissions migrations grant.

`moderation.review_queue` (granted to the Moderators role by migration 0002) opens the queue,
with MFA beside it, like every staff power. The actions a review leads to (hide, lock) are the
forum's verbs, which also ask for `forum.moderate_thread`; the Moderators role holds both.
Reporting is a member's act: `can_participate` (which sanctions switch off), on something the
member can see and did not write.
"""

from accounts.permissions import can_participate, has_mfa

from .targets import author_of

REVIEW = "moderation.review_queue"


def can_review(user) -> bool:
    """Work the review queue and act from it: the permission, with MFA."""
    return bool(
        user.is_authenticated
        and user.is_active
        and user.deleted_at is None
        and user.has_perm(REVIEW)
        and has_mfa(user)
    )


def can_report(user, target) -> bool:
    """A participating member, about something they can see (the caller found it so) that is
    not their own."""
    if not can_participate(user):
        return False
    author = author_of(target)
    return author is None or author.pk != user.pk


def can_appeal(user, action) -> bool:
    """The member a removal was about, once; the appeal must still be possible (not decided,
    not already made)."""
    return (
        user.is_authenticated and action.target_user_id == user.pk and not hasattr(action, "appeal")
    )


def can_decide_appeal(user, appeal) -> bool:
    """A moderator who did not make the decision appealed against."""
    return can_review(user) and appeal.action.actor_id != user.pk and not appeal.is_decided
