"""Builders for item parts: make_full_article gives an item with n of every part."""

import pytest
from django.utils import timezone

from articles.models import (
    ArticleStatus,
    Correction,
    FAQItem,
    KeyTakeaway,
    Reference,
    Topic,
)
from tests.conftest import make_article, make_section

_serial = iter(range(1, 10**6))


def make_topic(**fields) -> Topic:
    n = next(_serial)
    return Topic.objects.create(**{"slug": f"topic-{n}", "name": f"Topic {n}", **fields})


def make_full_article(*, parts: int = 3, status=ArticleStatus.PUBLISHED, **fields):
    article = make_article(status=status, body="## Background\n\nSome context.", **fields)
    article.topics.set([make_topic() for _ in range(parts)])
    KeyTakeaway.objects.bulk_create(
        KeyTakeaway(article=article, text=f"Point {i}.", position=i) for i in range(parts)
    )
    FAQItem.objects.bulk_create(
        FAQItem(article=article, question=f"Question {i}?", answer=f"Answer {i}.", answer_html="")
        for i in range(parts)
    )
    Reference.objects.bulk_create(
        Reference(article=article, title=f"Reference {i}", url=f"https://example.com/{i}")
        for i in range(parts)
    )
    Correction.objects.bulk_create(
        Correction(article=article, note=f"Fixed {i}.", note_html=f"<p>Fixed {i}.</p>")
        for i in range(min(parts, 5))
    )
    return article


@pytest.fixture
def section(db):
    return make_section(name="Clinical Context", slug="clinical-context", blurb="Why it matters.")


@pytest.fixture
def now():
    return timezone.now()
