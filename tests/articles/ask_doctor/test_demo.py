import pytest

from accounts import demo as accounts_demo
from articles import demo as articles_demo
from articles.ask_doctor import demo as ask_doctor_demo
from articles.models import DoctorQuestion, FAQItem
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_demo_does_nothing_without_published_items():
    accounts_demo.load()
    assert ask_doctor_demo.load() == 0
    assert not DoctorQuestion.objects.exists()


def test_demo_questions_cover_several_statuses_and_loading_twice_changes_nothing():
    accounts_demo.load()
    articles_demo.load()
    real = make_article(number=900)
    assert ask_doctor_demo.load() == 5
    assert not DoctorQuestion.objects.filter(article=real).exists()
    assert ask_doctor_demo.load() == 0
    statuses = set(DoctorQuestion.objects.values_list("status", flat=True))
    assert statuses == {"submitted", "needs_info", "answered", "declined"}
    assert FAQItem.objects.filter(source_question__isnull=False).count() == 1
    assert DoctorQuestion.objects.filter(article__isnull=True).count() == 1  # a general question
