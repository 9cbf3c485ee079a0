"""What each member wants to hear about, per kind: a row if they chose, the defaults if not."""

from django.db import transaction

from .kinds import DEFAULTS, Frequency, Kind
from .models import NotificationPreference


def preference_for(*, user_id: int, kind: str) -> NotificationPreference:
    stored = NotificationPreference.objects.filter(user_id=user_id, kind=kind).first()
    return stored or NotificationPreference.default_for(user_id=user_id, kind=kind)


def preferences_for_users(*, user_ids, kind: str) -> dict[int, NotificationPreference]:
    """One query for a whole fan-out: user id -> effective preference for `kind`."""
    stored = {
        preference.user_id: preference
        for preference in NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind)
    }
    return {
        user_id: stored.get(user_id)
        or NotificationPreference.default_for(user_id=user_id, kind=kind)
        for user_id in user_ids
    }


def all_preferences(*, user_id: int) -> dict[str, NotificationPreference]:
    """Every kind for one member, in the order the preferences page lists them."""
    stored = {p.kind: p for p in NotificationPreference.objects.filter(user_id=user_id)}
    return {
        kind: stored.get(kind) or NotificationPreference.default_for(user_id=user_id, kind=kind)
        for kind in Kind.values
    }


@transaction.atomic
def save_preferences(*, user_id: int, choices: dict[str, tuple[bool, str]]) -> None:
    """`choices` maps kind -> (in_app, email frequency); kinds not given are left as they are."""
    for kind, (in_app, email) in choices.items():
        if kind not in DEFAULTS or email not in Frequency.values:
            raise ValueError(f"unknown kind or frequency: {kind!r}, {email!r}")
        NotificationPreference.objects.update_or_create(
            user_id=user_id, kind=kind, defaults={"in_app": in_app, "email": email}
        )


@transaction.atomic
def stop_email(*, user_id: int, kinds) -> int:
    """Unsubscribe: these kinds send no more email. The in-app list is left as it was."""
    current = all_preferences(user_id=user_id)
    changed = 0
    for kind in kinds:
        preference = current[kind]
        if preference.email == Frequency.NEVER:
            continue
        NotificationPreference.objects.update_or_create(
            user_id=user_id,
            kind=kind,
            defaults={"in_app": preference.in_app, "email": Frequency.NEVER},
        )
        changed += 1
    return changed


def kinds_emailed_at(*, user_id: int, frequency: str) -> list[str]:
    return [k for k, p in all_preferences(user_id=user_id).items() if p.email == frequency]


def opted_in_user_ids(*, kind: str) -> list[int]:
    """For an opt-in kind (off by default): the members who turned it on."""
    if DEFAULTS[kind].in_app:
        raise ValueError(f"{kind} is on by default: everyone gets it unless they opt out")
    return list(
        NotificationPreference.objects.filter(kind=kind, in_app=True)
        .order_by("user_id")
        .values_list("user_id", flat=True)
    )
