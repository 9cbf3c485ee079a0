"""Rate limits: counted per account or per address over a sliding window, refused attempts not
counted, shared through the cache, and failing open (documented) when the cache is down."""

import threading
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory, override_settings

from accounts import ratelimits
from accounts.ratelimits import RateLimited, check
from clinicalcontext.cache import ResilientRedisCache
from clinicalcontext.settings.base import RATE_LIMITS as DEFAULT_RATE_LIMITS

SEVEN_IN_TEN = {"reply": [(6, 10, "user")]}


def _request(address="203.0.113.5", user=None):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    request.user = user or SimpleNamespace(pk=1, is_authenticated=True)
    return request


def _member(pk):
    return SimpleNamespace(pk=pk, is_authenticated=True)


ANONYMOUS = SimpleNamespace(pk=None, is_authenticated=False)


@pytest.fixture
def clock(monkeypatch):
    """The limiter's clock, moved by hand."""
    now = {"t": 1_000_000.0}
    monkeypatch.setattr(ratelimits.time, "time", lambda: now["t"])
    return now


def _allowed(scope, request, times, user=None) -> int:
    passed = 0
    for _ in range(times):
        try:
            check(scope, request=request, user=user)
            passed += 1
        except RateLimited:
            pass
    return passed


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_a_seventh_reply_within_ten_seconds_is_refused_with_a_wait_and_a_message(clock):
    request = _request()
    for _ in range(6):
        check("reply", request=request)
        clock["t"] += 1.4  # six replies over 8.4 seconds
    with pytest.raises(RateLimited) as refused:
        check("reply", request=request)
    error = refused.value
    assert error.scope == "reply"
    assert 1 <= error.retry_after <= 11
    assert "sent several replies" in error.message and "wait" in error.message
    assert str(error) == error.message


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_after_the_wait_it_names_one_more_passes(clock):
    request = _request()
    for _ in range(6):
        check("reply", request=request)
    with pytest.raises(RateLimited) as refused:
        check("reply", request=request)
    clock["t"] += refused.value.retry_after - 1.5
    with pytest.raises(RateLimited):
        check("reply", request=request)
    clock["t"] += 1.5
    check("reply", request=request)


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_refused_attempts_do_not_count_against_the_member(clock):
    request = _request()
    assert _allowed("reply", request, 6) == 6
    assert _allowed("reply", request, 50) == 0  # hammering does not extend the wait
    clock["t"] += 11.1
    assert _allowed("reply", request, 7) == 6


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_each_member_has_their_own_count(clock):
    assert _allowed("reply", _request(user=_member(1)), 7) == 6
    assert _allowed("reply", _request(user=_member(2)), 6) == 6
    assert _allowed("reply", _request(), 1, user=_member(3)) == 1  # an explicit user wins


@override_settings(RATE_LIMITS={"signup": [(3, 3600, "ip")]})
def test_per_address_limits_count_everyone_at_that_address(clock):
    assert _allowed("signup", _request("198.51.100.7", ANONYMOUS), 2) == 2
    assert _allowed("signup", _request("198.51.100.7", _member(9)), 2) == 1
    assert _allowed("signup", _request("198.51.100.8", ANONYMOUS), 3) == 3


@override_settings(RATE_LIMITS={"reply": [(2, 10, "user"), (3, 60, "ip")]})
def test_every_rule_must_pass_and_a_refusal_undoes_the_others(clock):
    shared = "192.0.2.1"
    assert _allowed("reply", _request(shared, _member(1)), 3) == 2  # user rule bites first
    # The refused third attempt was not counted by the address rule either: one more passes.
    assert _allowed("reply", _request(shared, _member(2)), 2) == 1


@override_settings(RATE_LIMITS={"reply": [(1, 10, "user")]})
def test_a_per_account_rule_does_not_apply_to_someone_signed_out(clock):
    assert _allowed("reply", _request(user=ANONYMOUS), 5) == 5


def test_limits_are_off_in_test_settings_and_on_by_default_in_the_real_ones(clock):
    assert _allowed("reply", _request(), 50) == 50
    assert DEFAULT_RATE_LIMITS["reply"][0] == (6, 10, "user")
    assert set(DEFAULT_RATE_LIMITS) == set(ratelimits.SCOPES)


def test_an_unknown_scope_is_a_programming_error():
    with pytest.raises(ValueError, match="unknown rate-limit scope"):
        check("replies", request=_request())


@pytest.mark.parametrize("rule", [(5, 60, "account"), (0, 60, "user"), (5, 0, "ip")])
def test_a_malformed_rule_is_a_configuration_error_not_a_silent_limit(rule):
    with (
        override_settings(RATE_LIMITS={"reply": [rule]}),
        pytest.raises(ImproperlyConfigured, match="RATE_LIMITS"),
    ):
        check("reply", request=_request())


@override_settings(RATE_LIMITS={"react": [(20, 60, "user")]})
def test_concurrent_attempts_never_let_more_through_than_the_limit():
    request, passed, start = _request(), [], threading.Barrier(8)

    def attempt():
        start.wait()
        passed.append(_allowed("react", request, 5))

    workers = [threading.Thread(target=attempt) for _ in range(8)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(passed) == 20


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_counters_live_in_the_shared_cache_so_another_process_sees_them(clock, monkeypatch):
    """Two "processes" = two cache clients on one store (LocMem shares by LOCATION, as two
    app servers share Redis); the Redis version of this runs in test_ratelimits_redis.py."""
    server_a = LocMemCache("shared-store", {})
    server_b = LocMemCache("shared-store", {})
    monkeypatch.setattr(ratelimits, "cache", server_a)
    assert _allowed("reply", _request(), 4) == 4
    monkeypatch.setattr(ratelimits, "cache", server_b)
    assert _allowed("reply", _request(), 4) == 2


class _BrokenCache:
    def __getattr__(self, name):
        def fail(*args, **kwargs):
            raise ConnectionError("cache down")

        return fail


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_when_the_cache_fails_the_limit_fails_open_and_says_so_in_the_log(
    clock, monkeypatch, caplog
):
    monkeypatch.setattr(ratelimits, "cache", _BrokenCache())
    assert _allowed("reply", _request(address="192.0.2.44"), 10) == 10
    assert "rate limit reply not checked: cache error ConnectionError" in caplog.text
    assert "192.0.2.44" not in caplog.text


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_with_redis_down_the_production_cache_still_limits_each_process(clock, monkeypatch):
    # Nothing listens on port 9: the resilient backend trips its circuit and counts locally.
    dead = ResilientRedisCache(
        "redis://127.0.0.1:9/0",
        {"OPTIONS": {"socket_connect_timeout": 0.05, "socket_timeout": 0.05}},
    )
    monkeypatch.setattr(ratelimits, "cache", dead)
    assert _allowed("reply", _request(user=_member(77)), 8) == 6


class _NoteForm(forms.Form):
    body = forms.CharField(widget=forms.Textarea)


@override_settings(RATE_LIMITS=SEVEN_IN_TEN)
def test_the_form_helper_answers_429_with_the_message_and_the_text_kept(rf):
    request = rf.post("/", {"body": "My careful reply"})
    request.user = AnonymousUser()
    form = _NoteForm(request.POST)
    assert form.is_valid()
    error = RateLimited("reply", 8)
    response = ratelimits.refused_form_response(
        request, "accounts/_form_fields.html", {}, form=form, error=error
    )
    html = response.content.decode()
    assert response.status_code == 429 and response["Retry-After"] == "8"
    assert "Please wait 8 seconds" in html
    assert "My careful reply" in html


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(1, "1 second"), (45, "45 seconds"), (600, "10 minutes"), (86400, "24 hours")],
)
def test_the_wait_is_said_in_words(seconds, said):
    assert f"wait {said}," in RateLimited("ask", seconds).message


def test_the_system_check_names_a_bad_setting():
    with override_settings(RATE_LIMITS={"replies": [(6, 10, "user")], "ask": [(1, 2, "x")]}):
        messages = [error.msg for error in ratelimits.settings_errors()]
    assert len(messages) == 2 and "replies" in messages[0] and "RATE_LIMITS" in messages[1]
    assert ratelimits.settings_errors() == []
    with override_settings(RATE_LIMITS=DEFAULT_RATE_LIMITS):
        assert ratelimits.settings_errors() == []
