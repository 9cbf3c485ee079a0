"""Moderators extend the screens in the admin: a ScreeningTerm counts on the next screen."""

import pytest
from django.urls import reverse

from moderation.models import ScreeningTerm
from text.screening import screen_crisis, screen_identifiers

pytestmark = pytest.mark.django_db

TEXT = "i'm going to do the thing with the rope tonight"


def test_a_term_added_in_the_admin_is_screened_at_once(client, django_user_model):
    from tests.conftest import make_user

    admin_user = make_user(is_staff=True, is_superuser=True, mfa=True)
    client.force_login(admin_user)
    assert not screen_crisis(TEXT).is_crisis
    response = client.post(
        reverse("admin:moderation_screeningterm_add"),
        {"kind": "suicide", "phrase": "thing with the rope", "active": "on", "note": "Seen"},
    )
    assert response.status_code == 302, response.text[:2000]
    assert ScreeningTerm.objects.get().added_by == admin_user
    assert screen_crisis(TEXT).kind == "suicide"


def test_switching_a_term_off_or_deleting_it_takes_it_out(db):
    term = ScreeningTerm.objects.create(kind="suicide", phrase="thing with the rope")
    assert screen_crisis(TEXT).is_crisis
    term.active = False
    term.save()
    assert not screen_crisis(TEXT).is_crisis
    term.active = True
    term.save()
    assert screen_crisis(TEXT).is_crisis
    term.delete()
    assert not screen_crisis(TEXT).is_crisis


def test_a_public_number_is_never_flagged(db):
    text = "Call our clinic's line on 020 7946 0018 any weekday."
    assert [m.kind for m in screen_identifiers(text)] == ["phone"]
    ScreeningTerm.objects.create(kind="public", phrase="020 7946 0018")
    assert screen_identifiers(text) == []


def test_the_terms_cost_no_query_once_cached(db, django_assert_num_queries):
    ScreeningTerm.objects.create(kind="suicide", phrase="thing with the rope")
    screen_crisis(TEXT)
    with django_assert_num_queries(0):
        assert screen_crisis(TEXT).is_crisis
