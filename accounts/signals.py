"""Signals from accounts to the floors above it, which connect in their AppConfig.ready().

Data export and account deletion must reach forum posts and ask-the-doctor questions, but
accounts sits below both: it announces, they answer. `send()` (not `send_robust`) is used on
purpose: a receiver that fails during deletion rolls the whole deletion back.
"""

from django.dispatch import Signal

# Sent inside the deletion transaction, before the account is anonymised: `user`.
account_deleted = Signal()
# Sent for a data export: `user`; each receiver returns {section name: JSON-serialisable data}.
export_requested = Signal()
# Sent for the public profile: `user`; each receiver returns {label: count}.
profile_stats_requested = Signal()


def _merged(signal: Signal, user) -> dict:
    merged: dict = {}
    for _receiver, response in signal.send(sender=type(user), user=user):
        merged.update(response)
    return merged


def export_sections(user) -> dict:
    return dict(sorted(_merged(export_requested, user).items()))


def profile_stats(user) -> dict[str, int]:
    return _merged(profile_stats_requested, user)
