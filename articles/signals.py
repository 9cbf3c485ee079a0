"""Signals from articles to the floors above it, which connect without being imported.

The forum keeps one thread per published item, but articles must not import forum: the forum
connects to `item_published` in its AppConfig.ready(), and the publish service sends it inside
its transaction (so a failing receiver rolls the publication back). It also answers
`item_followers_requested`, so that a correction reaches the people following the item's thread.
"""

from django.dispatch import Signal

# Sent with `article` whenever an item is published (now or by the scheduler).
item_published = Signal()

# Sent with `article` and `correction` when an editor publishes a correction to a public item.
item_corrected = Signal()

# Sent with `article` to ask who follows the item's conversation; each receiver returns an
# iterable of user ids (the forum: the followers of the item's thread).
item_followers_requested = Signal()
