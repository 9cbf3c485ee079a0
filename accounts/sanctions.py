"""Warnings, suspensions and bans: the verbs moderators use on a member's account.

Each verb writes the Sanction and brings the member's row up to date in one transaction: the
denormalised `restricted_until` (the latest end of any suspension or ban in force; a ban is
`BANNED_UNTIL`) and `unacknowledged_warning`. Pages read those two columns from the row that
authentication already loaded, so no page pays a query to know whether its viewer is restricted.
A suspension ends by itself: `restricted_until` is compared with the clock, nothing needs to
run when it passes.

No notifications here (accounts is the ground floor): the moderation app tells the member.
"""

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import BANNED_UNTIL, Sanction, SanctionKind, User


class SanctionError(ValueError):
    """A sanction that cannot be given as asked; the message says why, for the moderator."""


def _check(member: User, moderator: User, reason: str) -> None:
    if member.pk == moderator.pk:
        raise SanctionError("You cannot sanction your own account.")
    if not reason.strip():
        raise SanctionError("Write the reason: the member will read it.")


def _locked(member: User) -> User:
    return User.objects.select_for_update().get(pk=member.pk)


def _recompute_restriction(member: User) -> None:
    """Set `restricted_until` from the sanctions in force, on the row and on `member`."""
    ends = [
        BANNED_UNTIL if kind == SanctionKind.BAN else ends_at
        for kind, ends_at in Sanction.objects.filter(member=member)
        .in_force()
        .values_list("kind", "ends_at")
    ]
    member.restricted_until = max(ends, default=None)
    User.objects.filter(pk=member.pk).update(restricted_until=member.restricted_until)


def _give(member: User, *, moderator: User, reason: str, kind: str, ends_at=None) -> Sanction:
    _check(member, moderator, reason)
    with transaction.atomic():
        row = _locked(member)
        sanction = Sanction.objects.create(
            member=row, kind=kind, reason=reason.strip(), created_by=moderator, ends_at=ends_at
        )
        if kind == SanctionKind.WARNING:
            row.unacknowledged_warning = sanction
            row.save(update_fields=["unacknowledged_warning"])
            member.unacknowledged_warning = sanction
        else:
            _recompute_restriction(row)
            member.restricted_until = row.restricted_until
    return sanction


def warn(member: User, *, moderator: User, reason: str) -> Sanction:
    """A message the member sees on every page until they acknowledge it; no restriction."""
    return _give(member, moderator=moderator, reason=reason, kind=SanctionKind.WARNING)


def suspend(member: User, *, moderator: User, reason: str, until: datetime) -> Sanction:
    """No posting, replying, asking, reacting or reporting until `until`; reading, export and
    deletion stay open. Ends by itself."""
    if until <= timezone.now():
        raise SanctionError("A suspension must end in the future.")
    return _give(
        member, moderator=moderator, reason=reason, kind=SanctionKind.SUSPENSION, ends_at=until
    )


def ban(member: User, *, moderator: User, reason: str) -> Sanction:
    """A suspension without end, until a moderator lifts it."""
    return _give(member, moderator=moderator, reason=reason, kind=SanctionKind.BAN)


def lift(sanction: Sanction, *, moderator: User, reason: str) -> Sanction:
    """End a sanction early (or withdraw a warning). The member's restriction is worked out
    again from what is still in force: lifting one of two suspensions leaves the other."""
    if not reason.strip():
        raise SanctionError("Write why it is lifted: it goes in the member's history.")
    with transaction.atomic():
        row = _locked(sanction.member)
        sanction = Sanction.objects.select_for_update().get(pk=sanction.pk)
        if sanction.is_lifted:
            raise SanctionError("This sanction was already lifted.")
        sanction.lifted_at = timezone.now()
        sanction.lifted_by = moderator
        sanction.lift_reason = reason.strip()
        sanction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
        if row.unacknowledged_warning_id == sanction.pk:
            row.unacknowledged_warning = None
            row.save(update_fields=["unacknowledged_warning"])
        _recompute_restriction(row)
    return sanction


def acknowledge_warning(*, member: User, sanction_id: int) -> bool:
    """The member has read their warning: stop showing it. False if it was not theirs to
    acknowledge (another member's, lifted, or already acknowledged)."""
    with transaction.atomic():
        row = _locked(member)
        updated = Sanction.objects.filter(
            pk=sanction_id,
            member=row,
            kind=SanctionKind.WARNING,
            acknowledged_at=None,
            lifted_at=None,
        ).update(acknowledged_at=timezone.now())
        if row.unacknowledged_warning_id == sanction_id:
            row.unacknowledged_warning = None
            row.save(update_fields=["unacknowledged_warning"])
    member.unacknowledged_warning_id = row.unacknowledged_warning_id
    return bool(updated)


def active_restriction(user) -> Sanction | None:
    """The suspension or ban that restricts `user` now (the one that ends last), or None.

    Costs no query for anyone who is not restricted (the column on the loaded row says so);
    one for a restricted member, whose page shows why.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_restricted:
        return None
    in_force = list(Sanction.objects.filter(member=user).in_force())
    bans = [sanction for sanction in in_force if sanction.kind == SanctionKind.BAN]
    if bans:
        return bans[0]
    return max(in_force, key=lambda sanction: sanction.ends_at, default=None)


def pending_warning(user) -> Sanction | None:
    """The warning the member has not acknowledged yet; no query when there is none."""
    if not getattr(user, "is_authenticated", False) or user.unacknowledged_warning_id is None:
        return None
    return user.unacknowledged_warning
