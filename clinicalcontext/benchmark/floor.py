"""The floor: a bare Django project (startproject's middleware, no database work) that serves a
30 KB static page and a 200-item template loop. Every figure of `make bench` is a ratio to these,
measured in the same run on the same machine, so a busy box inflates both sides alike.

Served as `DJANGO_SETTINGS_MODULE=clinicalcontext.benchmark.floor`: this module is its settings
and its URLconf.
"""

import random
from pathlib import Path

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

SECRET_KEY = "bench-floor-not-a-secret"  # noqa: S105 (serves two fixed pages on 127.0.0.1)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = __name__
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}
USE_TZ = True
STATIC_URL = "static/"

_rng = random.Random(7)
_WORDS = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed"]


def _sentence(words: int) -> str:
    text = " ".join(_rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _static_page(size: int = 30 * 1024) -> bytes:
    parts = ['<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Floor</title>']
    parts.append("</head><body><h1>Hello</h1>\n")
    while sum(map(len, parts)) < size:
        parts.append(f"<p>{' '.join(_sentence(12) for _ in range(4))}</p>\n")
    parts.append("</body></html>\n")
    return "".join(parts).encode()


STATIC_BODY = _static_page()
ITEMS = [
    {"id": i, "title": f"Item {i}: {_sentence(5)}", "author": f"user{i % 20 + 1:02d}",
     "excerpt": _sentence(10)}
    for i in range(1, 201)
]  # fmt: skip


def hello(request):
    return HttpResponse(STATIC_BODY, content_type="text/html; charset=utf-8")


def loop(request):
    return render(request, "bench_floor/loop.html", {"items": ITEMS})


urlpatterns = [path("hello/", hello), path("loop/", loop)]
