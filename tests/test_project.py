"""Site-wide promises: migrations complete, deploy checks clean, CSP on, errors friendly."""

import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_models_and_migrations_agree():
    out = io.StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_production_settings_pass_the_deploy_check(tmp_path):
    env = {
        "SQLITE_PATH": str(tmp_path / "deploy-check.sqlite3"),  # never the developer's database
        "DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-and-random-production-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "clinicalcontext.example",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_the_development_secret_key(tmp_path):
    env = {
        "DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.production",
        "SQLITE_PATH": str(tmp_path / "deploy-check.sqlite3"),
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("home"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy


def test_base_layout_has_skip_link_landmarks_navigation_and_disclaimer(client):
    html = client.get(reverse("home")).content.decode()
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main"' in html
    for link in ("Articles", "Forum", "Ask a clinician"):
        assert link in html
    assert "Not medical advice" in html


def test_no_inline_scripts_or_styles_in_the_layout(client):
    html = client.get(reverse("home")).content.decode()
    assert " style=" not in html
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">")[0]


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "couldn't find that page" in response.content.decode()


@override_settings(DEBUG=False)
def test_server_error_page_renders_without_the_database(rf, django_assert_num_queries):
    from clinicalcontext.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/broken/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content


def test_expired_form_gets_the_friendly_csrf_page(member):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(member)
    response = strict.post(reverse("account_logout"))
    assert response.status_code == 403
    assert "Your form expired" in response.content.decode()


def test_oversized_request_body_is_refused_with_400(client):
    response = client.post(
        reverse("account_login"), {"login": "a@example.com", "password": "x" * 600_000}
    )
    assert response.status_code == 400


def test_health_check_reports_the_database_and_the_cache(client):
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert set(response.json()["checks"]) == {"database", "cache"}


def _production(tmp_path, **extra):
    return {
        "SQLITE_PATH": str(tmp_path / "deploy-check.sqlite3"),
        "DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20 + "a-long-and-random-production-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "clinicalcontext.example",
        "PATH": "/usr/bin:/bin",
        **extra,
    }


def _manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], env=env, capture_output=True, text=True, check=False
    )


def test_several_processes_without_redis_fail_the_deploy_check(tmp_path):
    result = _manage(_production(tmp_path, WEB_CONCURRENCY="4"), "check", "--deploy")
    assert result.returncode != 0
    assert "clinicalcontext.E001" in result.stderr and "REDIS_URL" in result.stderr
    with_redis = _production(tmp_path, WEB_CONCURRENCY="4", REDIS_URL="redis://127.0.0.1:1/0")
    assert _manage(with_redis, "check", "--deploy").returncode == 0


def test_load_demo_refuses_production_settings(tmp_path):
    env = _production(tmp_path)
    assert _manage(env, "migrate", "--no-input").returncode == 0
    result = _manage(env, "load_demo")
    assert result.returncode != 0
    assert "refuses to run with production settings" in result.stderr
    count = "from accounts.models import User; print(User.objects.count())"
    users = _manage(env, "shell", "--no-imports", "-c", count)
    assert users.stdout.strip().splitlines()[-1] == "0"


def test_without_a_shared_cache_sessions_are_plain_database_sessions(tmp_path):
    show = "from django.conf import settings; print(settings.SESSION_ENGINE)"
    engines = {}
    for redis in ("", "redis://127.0.0.1:1/0"):
        env = _production(tmp_path, REDIS_URL=redis)
        engines[redis] = _manage(env, "shell", "--no-imports", "-c", show).stdout.split()[-1]
    assert engines == {
        "": "clinicalcontext.sessions.db",
        "redis://127.0.0.1:1/0": "clinicalcontext.sessions.cached_db",
    }


def test_nul_bytes_in_a_query_string_do_not_cause_a_500(client):
    response = client.get("/articles/?page=%00")
    assert response.status_code < 500


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ({"PORT": "8250"}, "http://127.0.0.1:8250"),
        ({"HOST": "localhost", "PORT": "8251"}, "http://localhost:8251"),
        (
            {"PORT": "8250", "SITE_URL": "https://clinicalcontext.example/"},
            "https://clinicalcontext.example",
        ),
        ({}, "http://127.0.0.1:8000"),
    ],
)
def test_site_url_follows_the_address_make_run_serves_on(extra, expected):
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.base",
        **extra,
    }
    code = (
        "import django; django.setup(); from django.conf import settings; print(settings.SITE_URL)"
    )
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == expected, result.stderr


def test_robots_txt_keeps_private_pages_out_and_names_the_sitemap(client, settings):
    settings.SITE_URL = "https://clinicalcontext.example"
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for private in ("/accounts/", "/admin/", "/articles/ask/", "/forum/moderation/"):
        assert f"Disallow: {private}\n" in text
    assert "Disallow: /articles/\n" not in text and "Disallow: /\n" not in text
    assert "Sitemap: https://clinicalcontext.example/sitemap.xml" in text


def test_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response.url.endswith("img/favicon.svg")
    assert '<link rel="icon" href="' in client.get("/").content.decode()
