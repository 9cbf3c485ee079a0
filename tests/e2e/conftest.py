"""Browser journeys: Playwright driving Debian's chromium (never a downloaded browser).

Every test in this folder is marked `e2e`; `make test` leaves them out, `make e2e` runs them.
Mark browser tests `django_db(transaction=True, serialized_rollback=True)`: the live server
needs committed data, and serialized_rollback restores what data migrations made (role groups
and their permissions) after each test's flush.
"""

import os
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "/tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    chromium = shutil.which("chromium")
    assert chromium, "Debian's chromium is required for browser tests (apt-get install chromium)"
    return {
        **browser_type_launch_args,
        "executable_path": chromium,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    }  # fmt: skip


@pytest.fixture
def page(page, live_server):
    page.set_default_timeout(10_000)
    page.base_url = live_server.url
    csp_errors = []
    page.on(
        "console",
        lambda message: (
            csp_errors.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert not csp_errors, f"CSP violations: {csp_errors}"


def assert_accessible(page) -> None:
    """No serious or critical axe-core violations on the page as it stands."""
    results = _axe.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
    assert not bad, "Accessibility violations:\n" + "\n".join(bad)


def log_in(page, email: str, password: str = PASSWORD, *, next_url: str = "") -> None:
    """Log in through the real form; answers the two-factor step for MFA users.

    Users made with `mfa=True` share TOTP_SECRET from tests/conftest.py.
    """
    from clinicalcontext.management.commands.demo_totp import current_code
    from tests.conftest import TOTP_SECRET

    suffix = f"?next={next_url}" if next_url else ""
    page.goto(f"{page.base_url}/accounts/login/{suffix}")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    if "/2fa/authenticate" in page.url:
        page.locator("input[name=code]").fill(current_code(TOTP_SECRET))
        page.get_by_role("button", name="Sign In").click()
        page.wait_for_load_state()
