"""Rate limits on writing: "at most N of these per account (or per address) in S seconds".

A view calls `check(scope, request=request)` just before it writes; `RateLimited` means refuse:
re-render the form with `error.message` next to it, status 429, the typed text kept
(`refused_form_response` does exactly that). A refused attempt does not count.

`settings.RATE_LIMITS` is `{scope: [(count, seconds, "user" | "ip"), ...]}`; every rule of the
scope must pass. A scope the setting does not name is not limited. Defaults in
clinicalcontext/settings/base.py, documented in README.md ("Limits and sanctions").

Counting: each rule's window is cut into `SLICES` slices, one cache counter per slice, so the
count covers the whole window (and at most one slice more, never less). The current slice is
incremented atomically (`cache.incr`, INCR in Redis) and its returned value is what this request
sees, so two servers taking the sixth and seventh reply at the same moment cannot both pass.
Counters live in the default cache: Redis in production, shared by every app server.

When the cache is unavailable the limits fail OPEN, by design: a broken cache must not stop
every member from posting. With the production backend (clinicalcontext/cache.py) the
counters under "ratelimit:" fall back to process memory, so each app server still enforces
the limits on its own (at worst N servers times looser); with any other backend that raises,
the request is let through and a warning is logged (without the address or the account).
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

SCOPES = ("thread", "reply", "react", "ask", "follow_up", "report", "signup")
SLICES = 10
KEY_PREFIX = "ratelimit:"

# What the member was doing, for the message: "You have sent several replies…".
_DOING = {
    "thread": "started several threads",
    "reply": "sent several replies",
    "react": "reacted many times",
    "ask": "asked several questions",
    "follow_up": "sent several follow-ups",
    "report": "sent several reports",
    "signup": "created several accounts from this address",
}


class RateLimited(Exception):
    """Too many of `scope` too fast. `retry_after`: whole seconds until one more would pass."""

    def __init__(self, scope: str, retry_after: int):
        self.scope = scope
        self.retry_after = max(1, int(retry_after))
        super().__init__(self.message)

    @property
    def message(self) -> str:
        doing = _DOING.get(self.scope, "done this several times")
        return (
            f"You have {doing} in a short time. Please wait {_duration(self.retry_after)}, "
            "then try again. Nothing was sent; what you wrote is still here."
        )

    def __str__(self) -> str:
        return self.message


def _duration(seconds: int) -> str:
    if seconds < 90:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 90:
        return f"{minutes} minutes"
    return f"{math.ceil(minutes / 60)} hours"


@dataclass(frozen=True)
class _Rule:
    count: int
    seconds: int
    per: str  # "user" | "ip"

    @property
    def width(self) -> float:
        return self.seconds / SLICES


def rules_for(scope: str) -> list[_Rule]:
    if scope not in SCOPES:
        raise ValueError(f"unknown rate-limit scope {scope!r}; add it to ratelimits.SCOPES")
    rules = [
        _Rule(int(c), int(s), per)
        for c, s, per in getattr(settings, "RATE_LIMITS", {}).get(scope, ())
    ]
    for rule in rules:
        if rule.per not in {"user", "ip"} or rule.count < 1 or rule.seconds < 1:
            raise ImproperlyConfigured(
                f'RATE_LIMITS[{scope!r}] has {rule}: use (count >= 1, seconds >= 1, "user" or "ip")'
            )
    return rules


def _who(rule: _Rule, request, user) -> str | None:
    """The counter's owner: the account, or a digest of the address (no raw address in keys)."""
    if rule.per == "user":
        user = user if user is not None else getattr(request, "user", None)
        return f"u{user.pk}" if user is not None and user.is_authenticated else None
    address = request.META.get("REMOTE_ADDR", "") if request is not None else ""
    if not address:
        return None
    return "a" + hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:24]


def _key(scope: str, rule: _Rule, who: str, slice_no: int) -> str:
    return f"{KEY_PREFIX}{scope}:{rule.per}:{rule.count}/{rule.seconds}:{who}:{slice_no}"


class _Counter:
    """One rule's sliced window for one owner."""

    def __init__(self, scope: str, rule: _Rule, who: str, now: float):
        self.rule = rule
        self.current = int(now // rule.width)
        self.slices = range(self.current - SLICES, self.current + 1)
        self.keys = {n: _key(scope, rule, who, n) for n in self.slices}
        self.now = now

    def take(self) -> tuple[bool, int]:
        """Count this attempt; (allowed, seconds until one more would be allowed)."""
        rule, current_key = self.rule, self.keys[self.current]
        cache.add(current_key, 0, timeout=math.ceil(rule.seconds + 2 * rule.width))
        in_slice = cache.incr(current_key)
        earlier = cache.get_many([self.keys[n] for n in self.slices if n != self.current])
        counts = {n: int(earlier.get(self.keys[n], 0)) for n in self.slices}
        counts[self.current] = int(in_slice)
        total = sum(counts.values())
        if total <= rule.count:
            return True, 0
        cache.decr(current_key)  # a refused attempt does not count
        return False, self._retry_after(counts, total - 1)

    def _retry_after(self, counts: dict[int, int], counted: int) -> int:
        # Oldest slices leave the window first; wait until enough have left for one more.
        for n in self.slices:
            counted -= counts[n]
            if counted < self.rule.count:
                leaves_at = (n + SLICES + 1) * self.rule.width
                return math.ceil(leaves_at - self.now)
        return math.ceil(self.rule.width)


def check(scope: str, *, request, user=None) -> None:
    """Count one `scope` action by `user` (default: `request.user`) from the request's address;
    raise RateLimited (and count nothing) if any rule of the scope would be exceeded."""
    rules = rules_for(scope)
    if not rules:
        return
    now = time.time()
    taken: list[_Counter] = []
    try:
        for rule in rules:
            who = _who(rule, request, user)
            if who is None:
                continue  # e.g. a per-account rule for someone not signed in
            counter = _Counter(scope, rule, who, now)
            allowed, retry_after = counter.take()
            if not allowed:
                for earlier in taken:
                    cache.decr(earlier.keys[earlier.current])
                raise RateLimited(scope, retry_after)
            taken.append(counter)
    except RateLimited:
        raise
    except Exception as error:  # the cache is down: fail open (see the module docstring)
        logger.warning("rate limit %s not checked: cache error %s", scope, type(error).__name__)


def refused_form_response(request, template_name: str, context: dict, *, form, error):
    """The form page again, with the limit's message as a form error, status 429 and a
    Retry-After header. `form` is the bound form, so everything typed is kept."""
    from django.shortcuts import render

    form.add_error(None, error.message)
    response = render(request, template_name, {**context, "form": form}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def settings_errors(app_configs=None, **kwargs) -> list:
    """System check (manage.py check, deploy): RATE_LIMITS names known scopes, sane rules."""
    from django.core.checks import Error

    errors = []
    for scope in getattr(settings, "RATE_LIMITS", {}):
        try:
            rules_for(scope)
        except (ValueError, ImproperlyConfigured, TypeError) as error:
            errors.append(Error(str(error), id="accounts.E001"))
    return errors
