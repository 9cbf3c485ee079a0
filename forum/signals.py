"""What the forum tells the floors above it (the moderation app) about held and moderated posts.

Every signal is sent once the transaction that made the change has committed (`send_on_commit`),
so a receiver reads the post as it now is and a rolled-back post is never announced. The forum
never imports the moderation app: moderation connects to these in its AppConfig.ready.

- `post_held(sender=Post, post, reason, crisis_kind)`: a post waits for a moderator; `reason` is
  a `HoldReason` value, `crisis_kind` a crisis kind ("suicide", ...) or "".
- `post_approved(sender=Post, post, moderator)`: a held post is now public.
- `post_hidden(sender=Post, post, moderator, reason)`: a moderator hid a post.
- `post_published_with_identifiers(sender=Post, post, kinds)`: the writer was warned of personal
  details (`kinds`: identifier kinds, e.g. ["phone"]) and chose "post anyway".
"""

from django.db import transaction
from django.dispatch import Signal

from .models import Post

post_held = Signal()
post_approved = Signal()
post_hidden = Signal()
post_published_with_identifiers = Signal()


def send_on_commit(signal: Signal, **kwargs) -> None:
    transaction.on_commit(lambda: signal.send(sender=Post, **kwargs))
