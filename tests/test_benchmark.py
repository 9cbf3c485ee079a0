"""`make bench` keeps working as the code moves: its seed runs through today's services, its
floor serves its pages, and every extra timing it lists can be found. (No timing here: speed
lives in the benchmark itself.)"""

import importlib

import pytest
from django.test import Client, override_settings

from articles.models import DoctorQuestion
from clinicalcontext.benchmark import extras, floor, seed
from forum.models import Post

pytestmark = pytest.mark.django_db


def test_the_seed_makes_threads_questions_and_working_sessions_through_the_services():
    pages = seed.seed(replies=6, threads=2, thread_replies=3, members=4, questions=20)
    assert Post.objects.filter(thread__article__isnull=False).count() >= 6
    statuses = set(DoctorQuestion.objects.values_list("status", flat=True))
    assert {"submitted", "claimed", "needs_info", "answered", "declined", "withdrawn"} <= statuses
    client = Client()
    client.cookies.load(pages["patient_cookie"])
    page = client.get(pages["thread"])
    assert page.status_code == 200 and "Log out" in page.text
    clinician = Client()
    clinician.cookies.load(pages["clinician_cookie"])
    assert clinician.get(pages["queue"]).status_code == 200


@override_settings(MODERATION_NEW_MEMBER_HELD_POSTS=2)  # production's premoderation
def test_the_seed_works_with_new_member_premoderation_and_holds_nothing():
    # Before, a bench member's first replies were held and replying to one raised
    # PermissionDenied: `make bench` could not seed at all.
    seed.seed(replies=12, threads=1, thread_replies=3, members=3, questions=0)
    assert Post.objects.filter(thread__article__isnull=False).count() >= 12
    assert not Post.objects.filter(held_at__isnull=False).exists()


@override_settings(
    ROOT_URLCONF=floor.ROOT_URLCONF, MIDDLEWARE=floor.MIDDLEWARE, TEMPLATES=floor.TEMPLATES
)
def test_the_floor_serves_a_30_kb_page_and_a_200_item_loop(client):
    assert len(client.get("/hello/").content) >= 30 * 1024
    assert client.get("/loop/").content.count(b'<li class="item') == 200


def test_every_extra_timing_points_at_a_function_that_exists():
    for _label, target in extras.TIMINGS:
        module, _, name = target.partition(":")
        assert callable(getattr(importlib.import_module(module), name))
