"""Notifications: in-app list and bell, email by preference, digests, follows, the outbox.

The public API for higher floors is `notify()` and `notify_many()`; both live in
`notifications.services` and are re-exported here without importing models at app-load time.
"""


def notify(*, recipient, kind: str, url: str, title: str, actor=None, dedupe_key=None):
    from .services import notify as _notify

    return _notify(
        recipient=recipient, kind=kind, url=url, title=title, actor=actor, dedupe_key=dedupe_key
    )


def notify_many(*, recipient_ids, kind: str, url: str, title: str, actor=None, dedupe_key=None):
    from .services import notify_many as _notify_many

    return _notify_many(
        recipient_ids=recipient_ids,
        kind=kind,
        url=url,
        title=title,
        actor=actor,
        dedupe_key=dedupe_key,
    )
