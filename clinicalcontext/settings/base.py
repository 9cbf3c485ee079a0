"""Every setting, read from the environment.

The defaults give a self-contained development site: SQLite, DEBUG, a local-memory cache,
console email and tasks run in-process. `production.py` tightens them; `test.py` speeds them up.
"""

import json
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


PRODUCTION = False  # production.py says True; load_demo and the deploy checks read it
SECRET_KEY = env("DJANGO_SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# Absolute links (email, feeds, canonical) follow the address `make run HOST=… PORT=…` serves on.
SITE_URL = env("SITE_URL", f"http://{env('HOST', '127.0.0.1')}:{env('PORT', '8000')}").rstrip("/")
SITE_NAME = "Clinical Context"
# Publishing needs a second editor's approval; False for a one-person newsroom (logged, see
# docs/articles.md).
ARTICLES_SECOND_EDITOR_REQUIRED = env_bool("ARTICLES_SECOND_EDITOR_REQUIRED", True)

INSTALLED_APPS = [
    "clinicalcontext.apps.AdminConfig",  # django.contrib.admin with the MFA-only site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",  # search's tsvector field and lookups; inert on SQLite
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "django_tasks_db",
    "accounts",
    "notifications",
    "articles",
    "forum",
    "search",
    "moderation",
    "clinicalcontext",
]

MIDDLEWARE = [
    "clinicalcontext.request_context.RequestContextMiddleware",  # client address, request id
    # Outermost but one: a full, read-only or unreachable database anywhere below is a 503.
    "clinicalcontext.unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous item pages from the cache, before sessions, CSRF, auth, CSP and allauth run.
    "articles.middleware.ItemPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "clinicalcontext.urls"
WSGI_APPLICATION = "clinicalcontext.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "clinicalcontext.context_processors.site",
            ],
        },
    },
]

# Databases: SQLite by default (no service needed); DATABASE_URL switches to PostgreSQL.
if env("DATABASE_URL"):
    DATABASES = {
        "default": dj_database_url.parse(
            env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            # Django's SQLite backend, plus reads from a read-only volume (sqlite/base.py).
            "ENGINE": "clinicalcontext.sqlite",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so concurrent writers queue up
                # instead of failing with "database is locked" half-way through a transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
if env("DATABASE_TEST_NAME"):
    # Lets several checkouts on one machine run the PostgreSQL suite side by side.
    DATABASES["default"]["TEST"] = {"NAME": env("DATABASE_TEST_NAME")}
# A PostgreSQL streaming replica for reads that may lag a moment (clinicalcontext/replica.py):
# anonymous and member GETs read it; writes, reads after a write (and for
# DATABASE_REPLICA_PIN_SECONDS after, by cookie), sessions and queues use the primary.
DATABASE_REPLICA_PIN_SECONDS = int(env("DATABASE_REPLICA_PIN_SECONDS", "10"))
if env("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = {
        **dj_database_url.parse(
            env("DATABASE_REPLICA_URL"), conn_max_age=60, conn_health_checks=True
        ),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["clinicalcontext.replica.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "clinicalcontext.replica.ReplicaReadsMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: per-process memory by default; REDIS_URL shares it (and rate limits) between servers.
# The Redis backend degrades instead of failing: short timeouts, then a few seconds without
# Redis at all (clinicalcontext/cache.py), so a dead or hanging Redis costs speed, not pages.
REDIS_URL = env("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "clinicalcontext.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "cc"),
            "OPTIONS": {
                "socket_connect_timeout": float(env("REDIS_CONNECT_TIMEOUT", "0.25")),
                "socket_timeout": float(env("REDIS_TIMEOUT", "0.25")),
                # No CLIENT SETINFO on connect: two more round trips, each a full timeout
                # when Redis hangs.
                "driver_info": None,
            },
        }
    }
    # Sessions live in the database, read through the shared cache.
    SESSION_ENGINE = "clinicalcontext.sessions.cached_db"
else:
    # 300 entries (the default) is less than one long thread's cooked posts (forum/rendering.py):
    # culling a third of the cache on every page would make each view cook again.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    }
    # No shared cache: plain database sessions. A per-process cache in front of them would let
    # one process accept a session another process has already ended (logout, re-auth).
    # Both engines are Django's, kept signed in on a read-only database (sessions/).
    SESSION_ENGINE = "clinicalcontext.sessions.db"
# How many processes serve requests (gunicorn reads the same variable for its worker count).
# More than one without REDIS_URL fails the deploy check: rate limits would be per process.
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY", "1") or "1")

# Rate limits on writing (accounts/ratelimits.py): {scope: [(count, seconds, "user" | "ip"), ...]}.
# Every rule of a scope must pass; a scope not named here is not limited. Counted in the
# default cache (shared by all servers with REDIS_URL); if the cache fails, limits fail open
# (each process keeps counting on its own with the Redis backend). README "Limits and sanctions".
# Per-address rules are looser than per-account ones: a clinic or a family may share an address.
RATE_LIMITS = {
    "thread": [(3, 60, "user"), (10, 3600, "user"), (30, 3600, "ip")],
    "reply": [(6, 10, "user"), (30, 300, "user"), (120, 300, "ip")],
    "react": [(30, 60, "user"), (300, 3600, "user")],
    "ask": [(3, 600, "user"), (10, 86400, "user"), (30, 86400, "ip")],
    "follow_up": [(5, 600, "user"), (20, 86400, "user")],
    "report": [(10, 3600, "user"), (30, 86400, "user")],
    "signup": [(5, 3600, "ip"), (20, 86400, "ip")],
}

# The client's address. Behind a reverse proxy every request comes from the proxy, so the
# address is read from CLIENT_IP_HEADER, but only on requests that come from TRUSTED_PROXIES
# (anyone else could send the header). Without CLIENT_IP_HEADER, REMOTE_ADDR is used as is.
CLIENT_IP_HEADER = env("CLIENT_IP_HEADER")  # e.g. X-Real-IP (our nginx sets it) or X-Forwarded-For
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1/32,::1/128")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.AuthenticationBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# django-allauth: email login, mandatory verification, MFA.
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Clinical Context] "
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Clinical Context"

# Email: every message goes to the outbox (notifications.outbox) and the task worker hands it
# to the "relay" mailer, with retries, a lease and an idempotency key. The relay is the console
# by default; SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", "Clinical Context <no-reply@clinicalcontext.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
OUTBOX_MAILER = {"BACKEND": "notifications.outbox.OutboxBackend"}
if env("EMAIL_HOST"):
    RELAY_MAILER = {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": env("EMAIL_HOST"),
            "port": int(env("EMAIL_PORT", "587")),
            "username": env("EMAIL_HOST_USER"),
            "password": env("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", True),
            "timeout": 20,
        },
    }
else:
    # Development: printed to the terminal readably, links whole (clinicalcontext/dev_email.py).
    RELAY_MAILER = {"BACKEND": "clinicalcontext.dev_email.ReadableConsoleBackend"}
MAILERS = {"default": OUTBOX_MAILER, "relay": RELAY_MAILER}
# When the relay refuses: retry after 1, 2, 4 ... minutes, at most 6 hours apart, 8 attempts in
# all (then "failed" in the admin, where staff can resend).
EMAIL_RETRY_FIRST_SECONDS = int(env("EMAIL_RETRY_FIRST_SECONDS", "60"))
EMAIL_RETRY_LONGEST_SECONDS = int(env("EMAIL_RETRY_LONGEST_SECONDS", str(6 * 60 * 60)))
EMAIL_RETRY_MAX_ATTEMPTS = int(env("EMAIL_RETRY_MAX_ATTEMPTS", "8"))

# Background work. Immediate runs a task in the request (fine for one process); production
# uses the database-backed worker (`manage.py db_worker`).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend"),
    }
}

# Content-Security-Policy: no inline script or style anywhere; scripts carry a nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "clinicalcontext.views.csrf_failure"

# Writing-time safety (docs/safety.md): a new member's first posts wait for a moderator, one
# after the other until this many are public (0: no premoderation); until a moderator has
# approved one of their posts, a post with more links than this waits too.
MODERATION_NEW_MEMBER_HELD_POSTS = int(env("MODERATION_NEW_MEMBER_HELD_POSTS", "2") or "2")
MODERATION_NEW_MEMBER_MAX_LINKS = int(env("MODERATION_NEW_MEMBER_MAX_LINKS", "1") or "1")

# Requests larger than this are refused with 400 before any view sees them.
DATA_UPLOAD_MAX_MEMORY_SIZE = 512 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

LANGUAGE_CODE = "en"
TIME_ZONE = env("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploaded files (none today: no model has a file field) go to MEDIA_STORAGE: the local volume,
# or object storage by naming its backend and options, e.g. MEDIA_STORAGE_BACKEND=
# storages.backends.s3.S3Storage and MEDIA_STORAGE_OPTIONS='{"bucket_name": "cc-media"}' once
# django-storages is installed (docs/deploy.md).
MEDIA_STORAGE = {
    "BACKEND": env("MEDIA_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage"),
    "OPTIONS": json.loads(env("MEDIA_STORAGE_OPTIONS", "{}")),
}
STORAGES = {
    "default": MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Logs: one line per record with timestamp, level, logger and request id; LOG_FORMAT=json for
# JSON lines. Private text, tokens and SQL are kept out (clinicalcontext/log.py).
LOG_FORMAT = env("LOG_FORMAT", "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "clinicalcontext.log.RequestContextFilter"}},
    "formatters": {
        "text": {"()": "clinicalcontext.log.TextFormatter"},
        "json": {"()": "clinicalcontext.log.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
            "filters": ["request_context"],
        }
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# The scheduler (`manage.py run_scheduler`, one per host is fine): (dotted path, seconds).
# Add a job with one line; each runs once per period across all hosts (docs/deploy.md).
SCHEDULED_JOBS = [
    ("articles.publishing.publish_due", 60),
    ("articles.ask_doctor.queue.release_stale_claims", 15 * 60),
    ("clinicalcontext.health.enqueue_heartbeat", 60),
    ("clinicalcontext.scheduler.prune_job_runs", 60 * 60),
    # Email: retries that are due and emails a dead worker left mid-send; the digests.
    ("notifications.jobs.send_pending_email", 60),
    ("notifications.jobs.send_daily_digests", 24 * 60 * 60),
    ("notifications.jobs.send_weekly_digests", 7 * 24 * 60 * 60),
]

# /health/ readiness: how stale the worker's heartbeat, the oldest waiting task and the
# scheduler's last run may be before the check answers 503 (seconds).
HEALTH_WORKER_MAX_AGE = int(env("HEALTH_WORKER_MAX_AGE", "180"))
HEALTH_QUEUE_MAX_LAG = int(env("HEALTH_QUEUE_MAX_LAG", "300"))
HEALTH_SCHEDULER_MAX_AGE = int(env("HEALTH_SCHEDULER_MAX_AGE", "180"))

# "Already answered?" on the ask forms comes from search, a floor above articles: the site wires
# the two together here (URL names), so that articles never imports or names search.
ASK_DOCTOR_ANSWERED = {"suggestions": "search:suggestions", "search": "search:page"}
