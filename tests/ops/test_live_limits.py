"""Rate limits hold across the two app servers sharing Redis (issue 9; marker `ops`): a burst
split between the servers is refused at the same count as a burst on one server, with 429, the
message next to the form and the typed text kept (accounts/ratelimits.py)."""

import uuid

import pytest

from .test_live_smtp import _signup
from .test_live_topology import client_address
from .topology import APP_PORTS

pytestmark = pytest.mark.ops


def _signup_limit() -> int:
    """The tightest per-address signup rule of the servers' settings (5 an hour by default)."""
    from clinicalcontext.settings.base import RATE_LIMITS  # what the live servers run with

    return min(count for count, _, kind in RATE_LIMITS["signup"] if kind == "ip")


def test_a_signup_burst_split_across_both_servers_is_refused_at_the_same_count(live):
    # Alternating, each server sees about half the burst, under the limit on its own: only a
    # count shared through Redis refuses the request after the limit.
    limit = _signup_limit()
    address, marker = client_address(), uuid.uuid4().hex[:8]
    statuses = []
    for n in range(limit):  # alternately on each server, all from one address
        response = _signup(APP_PORTS[n % 2], f"burst.{marker}.{n}@example.com",
                           f"burst_{marker}_{n}", address=address)  # fmt: skip
        statuses.append(response.status)
    assert statuses == [302] * limit, statuses
    for port in APP_PORTS:  # one more on either server is one too many
        email = f"burst.{marker}.over.{port}@example.com"
        refused = _signup(port, email, f"burst_{marker}_{port}", address=address)
        assert refused.status == 429, (port, refused.status)
        assert "created several accounts from this address" in refused.text
        assert email in refused.text  # the form comes back filled in
    assert live.sql(
        "SELECT count(*) FROM accounts_user WHERE email LIKE %s", f"burst.{marker}.%"
    ) == [(limit,)]
    # Another address is not affected.
    other = _signup(APP_PORTS[0], f"other.{marker}@example.com", f"other_{marker}")
    assert other.status == 302
    print(f"\nsignup limit {limit}/address: burst over two servers refused at {limit + 1}")
