"""Which new posts wait for a moderator before anyone else may read them, and what happens then.

A post is held when the words say the writer or someone near them may be in danger now
(`text.screening.screen_crisis`: reason "crisis"). A held post is written like any other, with
`held_at` set; it is readable by its author (with a kind notice) and by moderators only, and it
is not counted, listed, announced or found by search until `moderation.approve_post` makes it
public as if just posted. A held opening post holds its thread too.
Moderators' own posts are never held: they would only be approving themselves.
See docs/safety.md.
"""

from dataclasses import dataclass

from django.db import transaction

from accounts.models import User
from notifications import notify
from notifications.kinds import Kind
from text.screening import screen_crisis

from . import signals
from .models import HoldReason, Post
from .permissions import sees_held

HELD_MESSAGE = (
    "Thank you for writing. Your post is saved and waiting for a moderator: you can see it, "
    "and others will once a moderator has looked at it."
)


@dataclass(frozen=True)
class Hold:
    reason: str
    crisis_kind: str = ""

    @property
    def is_crisis(self) -> bool:
        return self.reason == HoldReason.CRISIS


def hold_for(*, author: User, text: str) -> Hold | None:
    """Why this new post must wait for a moderator, or None to publish it now. (The moderator
    check comes last: it costs a query, and most posts are held for nothing.)"""
    crisis = screen_crisis(text)
    hold = Hold(HoldReason.CRISIS, crisis.kind or "") if crisis.is_crisis else None
    if hold is not None and sees_held(author):
        return None
    return hold


def announce_held(post: Post, hold: Hold) -> None:
    """Once the post is saved: the writer hears it waits (never its words: the title is generic,
    emails too), and the floors above hear `post_held` (the moderation queue, moderators on
    duty)."""
    transaction.on_commit(
        lambda: notify(
            recipient=post.author,
            kind=Kind.POST_HELD,
            url=post.get_absolute_url(),
            title="Your post is waiting for a moderator before others can see it",
            dedupe_key=f"forum-held:{post.pk}",
        )
    )
    signals.send_on_commit(
        signals.post_held, post=post, reason=hold.reason, crisis_kind=hold.crisis_kind
    )
