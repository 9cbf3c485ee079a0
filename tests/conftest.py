"""Shared fixtures and keyword builders. App-specific builders live in tests/<app>/conftest.py."""

import itertools
import os

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone

from accounts.models import ClinicianProfile, Role, User, VerificationStatus
from accounts.roles import CLINICIANS, EDITORS, MODERATORS
from articles.models import Article, ArticleStatus, Section

PASSWORD = "a-long-test-password-7"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
_serial = itertools.count(1)


def pytest_sessionstart(session):
    if os.environ.get("CI_REQUIRE_POSTGRES"):
        from django.db import connection

        assert connection.vendor == "postgresql", "CI asked for PostgreSQL but got SQLite"


@pytest.fixture(autouse=True)
def _mail_through_the_outbox(settings):
    """Django's test runner swaps every mailer for locmem; put the outbox back in front, so
    every test that sends an email sends it the way production does: stored in the outbox,
    then delivered by the (immediate) task to the locmem relay that `mailoutbox` reads."""
    settings.MAILERS = {
        "default": {"BACKEND": "notifications.outbox.OutboxBackend"},
        "relay": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and cached pages must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


def make_user(
    *,
    email=None,
    handle=None,
    role=Role.PATIENT,
    verified=True,
    password=PASSWORD,
    groups=(),
    mfa=False,
    **fields,
) -> User:
    n = next(_serial)
    user = User.objects.create_user(
        email=email or f"member{n}@example.com",
        handle=handle or f"member_{n}",
        password=password,
        role=role,
        **fields,
    )
    EmailAddress.objects.create(user=user, email=user.email, primary=True, verified=verified)
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    if mfa:
        TOTP.activate(user, TOTP_SECRET)
    return user


def make_clinician(*, status=VerificationStatus.VERIFIED, mfa=True, **fields) -> User:
    user = make_user(
        groups=[CLINICIANS] if status == VerificationStatus.VERIFIED else [], mfa=mfa, **fields
    )
    ClinicianProfile.objects.create(
        user=user,
        full_name=f"Dr. Test {user.pk}",
        credentials="MD",
        profession="Physician",
        specialty="Family medicine",
        licence_number=f"LIC-{user.pk}",
        jurisdiction="Ontario",
        status=status,
    )
    return User.objects.select_related("clinician_profile").get(pk=user.pk)


def make_moderator(**fields) -> User:
    return make_user(groups=[MODERATORS], mfa=True, is_staff=True, **fields)


def make_editor(**fields) -> User:
    return make_user(groups=[EDITORS], mfa=True, is_staff=True, **fields)


def make_section(**fields) -> Section:
    n = next(_serial)
    defaults = {"slug": f"section-{n}", "name": f"Section {n}", "blurb": "What this series is."}
    return Section.objects.create(**{**defaults, **fields})


def make_article(*, section=None, status=ArticleStatus.PUBLISHED, **fields) -> Article:
    n = next(_serial)
    defaults = {
        "number": 1000 + n,
        "title": f"A study of treatment number {n}",
        "dek": "A short standfirst.",
        "summary": "Researchers followed **40 adults** for twelve weeks.",
        "commentary": "In practice this is an early signal, not a change in care.",
        "commentator_name": "Dr. Rowan Blake",
        "commentator_credentials": "MD, psychiatrist",
        "source_publisher": "Example Journal",
        "source_url": "https://example.com/study",
        "published_at": timezone.now() if status == ArticleStatus.PUBLISHED else None,
    }
    return Article.objects.create(
        section=section or make_section(), status=status, **{**defaults, **fields}
    )


@pytest.fixture
def member(db) -> User:
    return make_user()


@pytest.fixture
def clinician(db) -> User:
    return make_clinician()


@pytest.fixture
def moderator(db) -> User:
    return make_moderator()


@pytest.fixture
def editor(db) -> User:
    return make_editor()


@pytest.fixture
def article(db) -> Article:
    return make_article()
