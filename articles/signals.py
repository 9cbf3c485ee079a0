"""Signals from articles to the floors above it, which connect without being imported.

The forum keeps one thread per published item, but articles must not import forum: the forum
connects to `item_published` in its AppConfig.ready(), and the publish service sends it inside
its transaction (so a failing receiver rolls the publication back).
"""

from django.dispatch import Signal

# Sent with `article` whenever an item is published (now or by the scheduler).
item_published = Signal()
