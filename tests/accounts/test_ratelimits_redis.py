"""The limits hold across processes sharing Redis: two separate Python processes (as two app
servers would) take turns at one member's replies, and only six in ten seconds pass in all.

Uses REDIS_URL when set (CI's PostgreSQL + Redis job), else the local Redis at
127.0.0.1:6379/13, which every machine of ours runs: so `make test` proves it too. Only a
developer's machine without any Redis skips it; in CI (CI_REQUIRE_POSTGRES) a missing Redis
fails the run instead, because a missing service is a failure there, never a skip.
The two-app-server version through HTTP lives in .ci/multi-server.
"""

import os
import random
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

SHARED_REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/13"


def _redis_answers(url: str) -> bool:
    import redis

    try:
        return bool(redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping())
    except redis.RedisError:
        return False


pytestmark = pytest.mark.skipif(
    not os.environ.get("CI_REQUIRE_POSTGRES") and not _redis_answers(SHARED_REDIS),
    reason="no Redis on this machine (CI runs it, and fails without it)",
)

SERVER = textwrap.dedent(
    """
    import sys, time
    from types import SimpleNamespace
    import django
    django.setup()
    from django.conf import settings
    from accounts.ratelimits import RateLimited, check
    settings.RATE_LIMITS = {"reply": [(6, 10, "user")], "signup": [(3, 3600, "ip")]}
    scope, who, start_at, times = sys.argv[1:5]
    who, start_at, times = int(who), float(start_at), int(times)
    request = SimpleNamespace(
        META={"REMOTE_ADDR": f"203.0.113.{who % 250}"},
        user=SimpleNamespace(pk=who, is_authenticated=scope != "signup"),
    )
    while time.time() < start_at:
        time.sleep(0.01)
    passed = 0
    for _ in range(times):
        try:
            check(scope, request=request)
            passed += 1
        except RateLimited:
            pass
    print(passed)
    """
)


def _two_servers(scope: str, who: int, times: int) -> list[int]:
    import time

    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.test",
        "REDIS_URL": SHARED_REDIS,
    }
    start_at = str(time.time() + 3)  # both have loaded Django by then
    args = [sys.executable, "-c", SERVER, scope, str(who), start_at, str(times)]
    servers = [
        subprocess.Popen(args, env=env, cwd=settings.BASE_DIR, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [server.communicate(timeout=60)[0] for server in servers]
    assert all(server.returncode == 0 for server in servers)
    return [int(result.strip()) for result in results]


def test_a_members_replies_are_counted_once_across_two_processes():
    passed = _two_servers("reply", random.randrange(10**9, 10**10), times=5)
    assert sum(passed) == 6, passed


def test_signups_from_one_address_are_counted_once_across_two_processes():
    passed = _two_servers("signup", random.randrange(10**9, 10**10), times=4)
    assert sum(passed) == 3, passed
