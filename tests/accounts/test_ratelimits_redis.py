"""The limits hold across processes sharing Redis: two separate Python processes (as two app
servers would) take turns at one member's replies, and only six in ten seconds pass in all.

Runs when REDIS_URL is set (CI's PostgreSQL + Redis job, `REDIS_URL=redis://127.0.0.1:6379/1`);
without Redis the site keeps its counters per process and there is nothing shared to test.
The two-app-server version through HTTP lives in .ci/multi-server.
"""

import os
import random
import subprocess
import sys
import textwrap

import pytest
from django.conf import settings

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a shared Redis)"
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

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.test"}
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
