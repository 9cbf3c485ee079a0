"""The live topology, started once for the `ops` tests (tests/ops/test_live_*.py)."""

import os
import tempfile
from pathlib import Path

import pytest

from .topology import Topology


@pytest.fixture(scope="session")
def live():
    root = Path(tempfile.mkdtemp(prefix="cc-ops-", dir="/tmp"))
    root.chmod(0o755)  # PostgreSQL runs as its own user and must reach its folders
    topology = Topology(root)
    try:
        topology.up()
        print(f"\ntopology up in {topology.startup_seconds:.1f} s at {root}")
        yield topology
    finally:
        topology.down()
        if os.environ.get("OPS_KEEP_LOGS"):
            print(f"logs kept in {root / 'logs'}")
