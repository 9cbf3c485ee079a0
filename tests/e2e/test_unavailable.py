"""A member replies while the database refuses writes: a clear page, the text given back."""

from unittest import mock

import pytest
from django.db import OperationalError

from forum import posting
from tests.conftest import make_user
from tests.e2e.conftest import assert_accessible, log_in
from tests.forum.conftest import make_thread

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TEXT = "The new dose made me dizzy for two days, then it settled."


@pytest.mark.parametrize("width", [360, 1280])
def test_a_refused_reply_explains_itself_and_keeps_the_text(page, width):
    member = make_user(handle="steady_reader")
    thread = make_thread(replies=2)
    page.set_viewport_size({"width": width, "height": 800})
    log_in(page, member.email)
    page.goto(page.base_url + thread.get_absolute_url())
    page.get_by_label("Your reply").fill(TEXT)
    # The live server has its own database connection: the refusal is raised where the write
    # happens, as SQLite raises it on a full disk (tests/ops/ checks the real thing).
    refusal = OperationalError("database or disk is full")
    with mock.patch.object(posting, "reply", side_effect=refusal):
        page.get_by_role("button", name="Post reply").click()
        page.wait_for_load_state()
        assert page.get_by_role("heading", name="We could not save that just now").is_visible()
        kept = page.get_by_role("textbox", name="Body")
        assert kept.input_value() == TEXT
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert_accessible(page)
    assert not thread.posts.filter(body=TEXT).exists()
