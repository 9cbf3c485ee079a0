"""Redis as the shared cache, without Redis ever taking a page down.

Every call gets short connect and read timeouts (settings), and the first failure opens a
per-process circuit for `RETRY_SECONDS`: until then no call waits on Redis at all, so a hanging
Redis costs one timeout per process every few seconds, never a worker.

While the circuit is open:
- reads miss (pages render from the database; cached_db sessions load from the database);
- rate-limit counters (keys under `FALLBACK_PREFIXES`: allauth's and accounts.ratelimits')
  keep counting in process memory, so limits still hold on each process, at worst N
  processes times looser;
- every other write is remembered as "this key may now be stale", and the first call after
  Redis answers again replays those deletions and increments before anything else, so a page
  or a session changed during the outage is not served from an old copy afterwards (bounded:
  past `JOURNAL_LIMIT` keys the oldest are dropped and a warning is logged).
"""

import logging
import threading
import time
from collections import OrderedDict

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
JOURNAL_LIMIT = 10_000
FALLBACK_PREFIXES = ("allauth:", "ratelimit:")


class _Circuit:
    """One process's view of one Redis: up, or down until a moment, plus what it missed."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.missed: OrderedDict[str, str] = OrderedDict()  # key -> "delete" | "incr"
        self.overflowed = False

    def is_open(self) -> bool:
        return time.monotonic() < self.down_until

    def trip(self, error: Exception) -> None:
        with self.lock:
            first = self.down_until == 0.0
            self.down_until = time.monotonic() + RETRY_SECONDS
        if first:
            # The class name only: a message may carry the host, a key may carry a session id.
            logger.warning(
                "cache unavailable (%s); serving without it, retrying every %.0f s",
                type(error).__name__,
                RETRY_SECONDS,
            )

    def remember(self, key: str, action: str) -> None:
        with self.lock:
            if self.missed.get(key) != "delete":
                self.missed[key] = action
            self.missed.move_to_end(key)
            while len(self.missed) > JOURNAL_LIMIT:
                self.missed.popitem(last=False)
                self.overflowed = True

    def take_missed(self) -> tuple[list[tuple[str, str]], bool]:
        with self.lock:
            missed, overflowed = list(self.missed.items()), self.overflowed
            self.missed.clear()
            self.overflowed = False
            return missed, overflowed

    def recovered(self) -> bool:
        with self.lock:
            was_down = self.down_until != 0.0
            self.down_until = 0.0
        return was_down


_circuits: dict[tuple[str, ...], _Circuit] = {}
_circuits_lock = threading.Lock()
_fallback = LocMemCache("clinicalcontext-redis-fallback", {"OPTIONS": {"MAX_ENTRIES": 50_000}})


def circuit_for(servers) -> _Circuit:
    key = tuple(servers)
    with _circuits_lock:
        return _circuits.setdefault(key, _Circuit())


def _counts_locally(key: str) -> bool:
    # Keys arrive made ("prefix:version:key"); look at the caller's part.
    return any(prefix in key for prefix in FALLBACK_PREFIXES)


class ResilientRedisCacheClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._circuit = circuit_for(servers)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        # Django builds a new redis.Redis on every call, and its constructor fills a table of
        # ~170 response callbacks: a tenth of a millisecond on every cache hit. One per pool
        # is enough (a client is thread-safe; the pool hands out the connections).
        index = self._get_connection_pool_index(write)
        if (client := self._clients.get(index)) is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client

    def _run(self, call, *, on_failure, missed=()):
        """Run `call` against Redis, or `on_failure` when Redis is (or just went) away."""
        import redis

        circuit = self._circuit
        if circuit.is_open():
            self._remember(missed)
            return on_failure()
        try:
            self._replay_if_recovering()
            return call()
        except redis.RedisError as error:
            circuit.trip(error)
            self._remember(missed)
            return on_failure()

    def _remember(self, missed) -> None:
        for key, action in missed:
            if not _counts_locally(key):
                self._circuit.remember(key, action)

    def _replay_if_recovering(self) -> None:
        circuit = self._circuit
        if circuit.down_until == 0.0:
            return
        missed, overflowed = circuit.take_missed()
        try:
            client = self.get_client(write=True)
            for key, action in missed:
                if action == "incr" and client.exists(key):
                    client.incr(key)
                else:
                    client.delete(key)
        except Exception:
            for key, action in missed:  # not back yet: keep them for the next try
                circuit.remember(key, action)
            raise
        if circuit.recovered():
            logger.warning("cache available again; %d stale key(s) cleared", len(missed))
        if overflowed:
            logger.warning("cache outage outlasted the journal; some cached pages may be stale")

    # Reads: a miss, or the local counter for rate limits.

    def get(self, key, default):
        local = _counts_locally(key)
        return self._run(
            lambda: super(ResilientRedisCacheClient, self).get(key, default),
            on_failure=lambda: _fallback.get(key, default) if local else default,
        )

    def get_many(self, keys):
        keys = list(keys)
        return self._run(
            lambda: super(ResilientRedisCacheClient, self).get_many(keys),
            on_failure=lambda: _fallback.get_many([k for k in keys if _counts_locally(k)]),
        )

    def has_key(self, key):
        return self._run(
            lambda: super(ResilientRedisCacheClient, self).has_key(key),
            on_failure=lambda: _counts_locally(key) and _fallback.has_key(key),
        )

    # Writes: remembered for replay, or kept locally for rate limits.

    def set(self, key, value, timeout):
        def locally():
            if _counts_locally(key):
                _fallback.set(key, value, timeout)

        self._run(
            lambda: super(ResilientRedisCacheClient, self).set(key, value, timeout),
            on_failure=locally,
            missed=[(key, "delete")],
        )

    def add(self, key, value, timeout):
        return self._run(
            lambda: super(ResilientRedisCacheClient, self).add(key, value, timeout),
            on_failure=lambda: _counts_locally(key) and _fallback.add(key, value, timeout),
            missed=[(key, "delete")],
        )

    def touch(self, key, timeout):
        return self._run(
            lambda: super(ResilientRedisCacheClient, self).touch(key, timeout),
            on_failure=lambda: _counts_locally(key) and _fallback.touch(key, timeout),
        )

    def delete(self, key):
        def locally():
            return _counts_locally(key) and _fallback.delete(key)

        return self._run(
            lambda: super(ResilientRedisCacheClient, self).delete(key),
            on_failure=locally,
            missed=[(key, "delete")],
        )

    def incr(self, key, delta):
        def locally():
            if _counts_locally(key):
                return _fallback.incr(key, delta)
            return None

        return self._run(
            lambda: super(ResilientRedisCacheClient, self).incr(key, delta),
            on_failure=locally,
            missed=[(key, "incr")],
        )

    def set_many(self, data, timeout):
        def locally():
            _fallback.set_many({k: v for k, v in data.items() if _counts_locally(k)}, timeout)

        self._run(
            lambda: super(ResilientRedisCacheClient, self).set_many(data, timeout),
            on_failure=locally,
            missed=[(key, "delete") for key in data],
        )

    def delete_many(self, keys):
        keys = list(keys)

        def locally():
            _fallback.delete_many([k for k in keys if _counts_locally(k)])

        self._run(
            lambda: super(ResilientRedisCacheClient, self).delete_many(keys),
            on_failure=locally,
            missed=[(key, "delete") for key in keys],
        )

    def clear(self):
        return self._run(
            lambda: super(ResilientRedisCacheClient, self).clear(),
            on_failure=lambda: False,
        )

    def ping(self) -> bool:
        """For the health check: does Redis answer right now? (Ignores the open circuit.)"""
        import redis

        try:
            self._replay_if_recovering()
            return bool(self.get_client(write=True).ping())
        except redis.RedisError as error:
            self._circuit.trip(error)
            return False


class ResilientRedisCache(RedisCache):
    """`django.core.cache.backends.redis.RedisCache` that degrades instead of failing."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def validate_key(self, key):
        """No memcached key rules: Redis keys are binary-safe, and Django's check walks every
        character of every key on every call (a visible share of a cached page's cost)."""

    def ping(self) -> bool:
        return self._cache.ping()
