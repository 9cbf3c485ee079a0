"""Following things that live on higher floors, by key ("topic:12", "section:3").

The floor that owns a kind of target registers a lookup once, in its AppConfig.ready():
`register_target("topic", lookup)` where `lookup(pk) -> FollowTarget | None`. The follow
view asks that lookup, so a key for something that does not exist (or is not public) is
refused, and notifications never imports articles or forum.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from .models import Follow

KEY_PATTERN = re.compile(r"^(?P<prefix>[a-z_]{1,20}):(?P<pk>[1-9][0-9]{0,18})$")


@dataclass(frozen=True)
class FollowTarget:
    label: str
    url: str


_lookups: dict[str, Callable[[int], FollowTarget | None]] = {}


def register_target(prefix: str, lookup: Callable[[int], FollowTarget | None]) -> None:
    _lookups[prefix] = lookup


def key_for(prefix: str, pk: int) -> str:
    return f"{prefix}:{pk}"


def resolve(key: str) -> FollowTarget | None:
    match = KEY_PATTERN.match(key or "")
    if not match or match["prefix"] not in _lookups:
        return None
    return _lookups[match["prefix"]](int(match["pk"]))


def follow(*, user, key: str) -> bool:
    """True if this started a follow; False if the member already followed it."""
    try:
        with transaction.atomic():
            Follow.objects.create(user=user, key=key)
    except IntegrityError:
        return False
    return True


def unfollow(*, user, key: str) -> bool:
    return bool(Follow.objects.filter(user=user, key=key).delete()[0])


def followed_keys(*, user, keys) -> set[str]:
    """Which of `keys` the member follows: one query for a page's follow buttons."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(Follow.objects.filter(user=user, key__in=list(keys)).values_list("key", flat=True))


def follower_ids(*keys: str) -> list[int]:
    """Everyone following any of `keys`, once each (an item in two followed topics: one)."""
    return sorted(set(Follow.objects.filter(key__in=keys).values_list("user_id", flat=True)))
