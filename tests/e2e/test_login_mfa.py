import pytest

from tests.conftest import make_clinician, make_user
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_member_logs_in_and_sees_their_handle(page):
    make_user(email="reader@example.com", handle="steady_reader")
    log_in(page, "reader@example.com")
    assert page.get_by_text("steady_reader").first.is_visible()


def test_clinician_with_mfa_passes_the_code_step(page):
    clinician = make_clinician(email="doc@example.com", handle="doc_on_call")
    log_in(page, "doc@example.com")
    assert page.get_by_text(clinician.handle).first.is_visible()
    assert "/2fa/" not in page.url
