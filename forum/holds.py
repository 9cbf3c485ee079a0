"""Which new posts wait for a moderator before anyone else may read them, and what happens then.

A post is held, for the first reason that applies:
- "crisis": the words say the writer or someone near them may be in danger now
  (`text.screening.screen_crisis`);
- "links": a member never approved by a moderator posts more than
  `MODERATION_NEW_MEMBER_MAX_LINKS` links (default 1): what link spam looks like;
- "new_member": the member has fewer than `MODERATION_NEW_MEMBER_HELD_POSTS` public posts
  (default 2; 0 switches premoderation off): a new member's first posts wait, one after the
  other, until a moderator has approved that many.
Moderators' and verified clinicians' posts are held for none of these but crisis (and a
moderator's not even for that: they would only be approving themselves).
A held post is written like any other, with `held_at` set; it is readable by its author (with
a kind notice) and by moderators only, and it is not counted, listed, announced or found by
search until `moderation.approve_post` makes it public as if just posted. A held opening post
holds its thread too.
See docs/safety.md.
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from accounts.models import User
from accounts.permissions import is_verified_clinician
from notifications import notify
from notifications.kinds import Kind
from text.screening import screen_crisis

from . import signals
from .models import HoldReason, ModerationAction, ModerationActionKind, Post
from .permissions import sees_held

# A link as a writer types one: a web address, bare or inside Markdown's [text](address).
_LINK = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]]+", re.IGNORECASE)

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


def hold_for(*, author: User, text: str, premoderate: bool = True) -> Hold | None:
    """Why this new post must wait for a moderator, or None to publish it now. Each fact that
    costs a query is asked only when the cheaper ones have not settled it. `premoderate=False`
    (the site's own seeded conversations) leaves only the crisis screen."""
    crisis = screen_crisis(text)
    if crisis.is_crisis:
        return None if sees_held(author) else Hold(HoldReason.CRISIS, crisis.kind or "")
    if not premoderate:
        return None
    too_many_links = len(_LINK.findall(text)) > settings.MODERATION_NEW_MEMBER_MAX_LINKS
    premoderated = settings.MODERATION_NEW_MEMBER_HELD_POSTS > 0
    if not (too_many_links or premoderated) or _trusted(author):
        return None
    if too_many_links and not _approved_once(author):
        return Hold(HoldReason.LINKS)
    if premoderated and _public_posts(author) < settings.MODERATION_NEW_MEMBER_HELD_POSTS:
        return Hold(HoldReason.NEW_MEMBER)
    return None


def _trusted(author: User) -> bool:
    return is_verified_clinician(author) or sees_held(author)


def _approved_once(author: User) -> bool:
    return ModerationAction.objects.filter(
        target_user=author, action=ModerationActionKind.APPROVE
    ).exists()


def _public_posts(author: User) -> int:
    limit = settings.MODERATION_NEW_MEMBER_HELD_POSTS
    return Post.objects.filter(author=author, held_at=None, hidden_at=None)[:limit].count()


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
