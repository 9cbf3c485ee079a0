"""Malformed requests to reader pages get 404 or 405, never a 500."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/articles/99999999999999999999999999/x/",
        "/articles/99999999999999999999999999/",
        "/articles/0/x/",
        "/articles/sections/%00/",
        "/articles/topics/" + "a" * 5000 + "/",
        "/articles/sections/x/feed/rss/",
    ],
)
def test_odd_addresses_are_not_found(client, url):
    assert client.get(url).status_code == 404


def test_writes_to_reader_pages_are_refused(client, article):
    assert client.post(article.get_absolute_url()).status_code == 405
