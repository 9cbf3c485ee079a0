"""Calls from articles to the floors above it, without importing them.

The forum keeps one thread per published item, but articles must not import forum. The forum
registers a listener here (in its AppConfig.ready), and the publish service calls
`item_published(article)` inside its transaction.
"""

from collections.abc import Callable

_publish_listeners: list[Callable] = []


def on_item_published(listener: Callable) -> Callable:
    """Register `listener(article)` to run whenever an item is published."""
    if listener not in _publish_listeners:
        _publish_listeners.append(listener)
    return listener


def item_published(article) -> None:
    for listener in _publish_listeners:
        listener(article)
