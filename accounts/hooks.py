"""Calls from accounts to the floors above it, without importing them.

Data export and account deletion must reach forum posts and ask-the-doctor questions, but
accounts sits below both. Those apps register here in their AppConfig.ready().
"""

from collections.abc import Callable

_exporters: dict[str, Callable] = {}
_deletion_listeners: list[Callable] = []


def register_exporter(name: str, exporter: Callable) -> None:
    """`exporter(user) -> JSON-serialisable data`, included under `name` in the export."""
    _exporters[name] = exporter


def export_sections(user) -> dict:
    return {name: exporter(user) for name, exporter in sorted(_exporters.items())}


def on_account_deleted(listener: Callable) -> Callable:
    """Register `listener(user)`, called inside the deletion transaction, before anonymising."""
    if listener not in _deletion_listeners:
        _deletion_listeners.append(listener)
    return listener


def account_deleted(user) -> None:
    for listener in _deletion_listeners:
        listener(user)


_profile_stats: list[Callable] = []


def register_profile_stats(provider: Callable) -> None:
    """`provider(user) -> dict[label, int]`, shown on the public profile (e.g. forum posts)."""
    if provider not in _profile_stats:
        _profile_stats.append(provider)


def profile_stats(user) -> dict[str, int]:
    stats: dict[str, int] = {}
    for provider in _profile_stats:
        stats.update(provider(user))
    return stats
