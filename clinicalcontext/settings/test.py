"""Test settings: fast hashing, mail kept in memory, tasks run at once."""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test runner swaps every mailer for locmem; tests of the outbox put it back
# (tests/notifications/conftest.py), so the same names are kept here.
MAILERS = {
    "default": {"BACKEND": "notifications.outbox.OutboxBackend"},
    "relay": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
if not env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "tests",
        }
    }
# One process, so the session cache cannot disagree with another: query counts pinned by tests
# are the same with and without REDIS_URL. (base.py picks plain database sessions for servers
# without a shared cache; tests/test_project.py checks that choice.)
SESSION_ENGINE = "clinicalcontext.sessions.cached_db"
# Tests log in many times from one address; rate-limit tests turn limits back on themselves.
ACCOUNT_RATE_LIMITS = False
# Our own limits too (accounts/ratelimits.py): tests that need them use override_settings.
RATE_LIMITS: dict = {}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the finders: tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# New members' posts are published at once in tests; the premoderation tests set it themselves.
MODERATION_NEW_MEMBER_HELD_POSTS = 0
