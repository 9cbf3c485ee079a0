"""The ask form switches the live check on (`screen-draft` is on main) and its warning speaks of
a question to clinicians, not of the forum that everyone reads."""

import pytest

from tests.conftest import make_article, make_user

pytestmark = pytest.mark.django_db

SCREEN = "/screen-draft/"


def test_the_ask_form_asks_for_the_live_check_as_a_question(client):
    article = make_article()
    client.force_login(make_user())
    page = client.get(f"/articles/{article.number}/ask/").text
    assert f'hx-post="{SCREEN}"' in page and 'id="ask-screening"' in page
    assert """hx-vals='{"screening_for": "question"}'""" in page


def test_the_warning_for_a_question_is_not_the_forums(client):
    client.force_login(make_user())
    body = "Ring me on 07700 900123 please."
    asked = client.post(SCREEN, {"body": body, "screening_for": "question"}).text
    assert "Clinicians read your question" in asked and "Everyone can read the forum" not in asked
    posted = client.post(SCREEN, {"body": body}).text
    assert "Everyone can read the forum" in posted
    # The marker is not screened as words of the draft.
    assert client.post(SCREEN, {"body": "", "screening_for": "question"}).text.strip() == ""
