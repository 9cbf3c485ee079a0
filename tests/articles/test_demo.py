"""The demo loader: three clean published items, one imported sample with findings, idempotent."""

import pytest

from articles import demo
from articles.models import Article, ArticleStatus, QualityFinding

pytestmark = pytest.mark.django_db


def test_demo_content_loads_twice_without_changes():
    demo.load()
    demo.load()
    published = Article.objects.published()
    assert sorted(published.values_list("number", flat=True)) == [48, 49, 50]
    assert not QualityFinding.objects.filter(article__in=published).exists()
    dmt = Article.objects.get(number=50)
    assert "DMT" in dmt.title
    assert dmt.corrections.count() == 1
    sample = Article.objects.get(number=52)
    assert sample.status == ArticleStatus.DRAFT
    kinds = set(sample.findings.values_list("kind", flat=True))
    assert kinds == {
        "ai_refusal",
        "leaked_instruction",
        "mojibake",
        "truncated",
        "empty_section",
        "foreign_boilerplate",
    }
    assert Article.objects.count() == 4
