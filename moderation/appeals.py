"""Appeals: the member a removal was about asks once for a second look; another moderator decides.

The appeal joins the queue as its own item (keyed by the appeal, so an appeal never merges with
a report on the same post). Deciding is a conditional UPDATE on the appeal, like taking a queue
item: two moderators deciding at once cannot both decide. Overturning a hidden post restores it
through the forum's verb, which logs it.
"""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts import sanctions
from accounts.models import Sanction
from forum import moderation as forum_moderation
from forum.models import ModerationActionKind, Post

from . import notifying
from .models import REASON_MAX, Appeal, AppealOutcome, ItemKind, ItemOutcome, ReviewItem
from .permissions import can_appeal, can_decide_appeal
from .queue import RISK, AlreadyHandled, count_changed, take
from .targets import fields_for

# The log entries a member may appeal: what took their words (or, with sanctions, their
# account) away.
APPEALABLE = frozenset(
    {
        ModerationActionKind.HIDE,
        ModerationActionKind.SUSPEND,
        ModerationActionKind.BAN,
        ModerationActionKind.REMOVE_SPAMMER,
    }
)
SANCTIONS = frozenset(APPEALABLE - {ModerationActionKind.HIDE})


class AlreadyAppealed(Exception):
    message = "You have already appealed this decision. A moderator will decide it."


@transaction.atomic
def appeal(*, appellant, action, statement: str) -> Appeal:
    if action.action not in APPEALABLE or not can_appeal(appellant, action):
        raise PermissionDenied
    try:
        with transaction.atomic():
            made = Appeal.objects.create(action=action, appellant=appellant, statement=statement)
    except IntegrityError as error:  # one appeal per removal
        raise AlreadyAppealed from error
    target = action.post or action.target_user
    fields = fields_for(target) if target is not None else {"target_kind": "member"}
    fields["target_key"] = f"appeal:{made.pk}"
    ReviewItem.objects.create(
        kind=ItemKind.APPEAL,
        risk=RISK[ItemKind.APPEAL],
        author=appellant,
        appeal=made,
        **fields,
    )
    count_changed()
    return made


def _reverse(action, *, moderator, reason: str) -> None:
    """Undo what was appealed: restore the post, lift the sanction (a spammer's posts too)."""
    if action.action == ModerationActionKind.HIDE and action.post is not None:
        forum_moderation.restore_post(moderator=moderator, post=action.post, reason=reason)
        return
    sanction = Sanction.objects.filter(pk=action.details.get("sanction")).first()
    if sanction is not None and not sanction.is_lifted:
        sanctions.lift(sanction, moderator=moderator, reason=reason)
    if action.action == ModerationActionKind.REMOVE_SPAMMER:
        hidden = Post.objects.filter(
            author_id=action.target_user_id, hidden_at__gte=action.created_at
        ).select_related("thread")
        for post in hidden:
            forum_moderation.restore_post(moderator=moderator, post=post, reason=reason)


@transaction.atomic
def decide(*, moderator, appeal: Appeal, outcome: str, reason: str) -> Appeal:
    """Uphold or overturn. The moderator who made the removal may not decide its appeal."""
    if not can_decide_appeal(moderator, appeal):
        raise PermissionDenied
    decided = Appeal.objects.filter(pk=appeal.pk, decided_at=None).update(
        decided_at=timezone.now(), decided_by=moderator, outcome=outcome, decision_reason=reason
    )
    if not decided:
        raise AlreadyHandled
    item = ReviewItem.objects.open().filter(appeal=appeal).first()
    item_outcome = (
        ItemOutcome.OVERTURNED if outcome == AppealOutcome.OVERTURNED else ItemOutcome.UPHELD
    )
    if item is not None:
        take(item, moderator=moderator, outcome=item_outcome, reason=reason)
    action = appeal.action
    overturned = outcome == AppealOutcome.OVERTURNED
    if overturned:
        _reverse(action, moderator=moderator, reason=f"Overturned on appeal: {reason}"[:REASON_MAX])
    forum_moderation.log_action(
        actor=moderator,
        action=ModerationActionKind.APPEAL_OVERTURNED
        if overturned
        else ModerationActionKind.APPEAL_UPHELD,
        reason=reason,
        post=action.post,
        thread=action.thread,
        target_user=action.target_user,
        details={"appeal": appeal.pk, "entry": action.pk},
    )
    appeal.refresh_from_db()
    notifying.tell_appellant(appeal)
    return appeal
