"""The admin's quality gate panel: blocking findings red with field and excerpt, repairs
neutral with the repair shown, and one clear message for each outcome of a save."""

import pytest
from django.urls import reverse

from articles.models import Article, ArticleStatus
from tests.articles.test_admin import form_data
from tests.conftest import make_article, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def messages_of(response):
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def test_blocking_and_repaired_findings_read_right(editor_client):
    article = make_article(number=77, status=ArticleStatus.DRAFT)
    data = form_data(
        article.section,
        summary="Please paste the article text so I can summarise it.",
        **{"key_takeaways-0-text": "CafÃ© workers slept less."},
    )
    editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    html = editor_client.get(
        reverse("admin:articles_article_change", args=[article.pk])
    ).content.decode()
    assert "1 problem blocks publishing. Fix it and save" in html
    blocking = html[html.index("gate-finding gate-blocking") :]
    assert blocking.index("Blocks publishing") < blocking.index("</li>")
    assert "An AI assistant&#x27;s reply instead of content — in" in blocking
    assert '<span class="gate-field">Summary</span>' in blocking
    repaired = html[html.index("gate-finding gate-repaired") :]
    assert '<span class="gate-field">Key takeaway 1</span>' in repaired
    assert "<q>CafÃ©</q> now reads <q>Café</q>" in repaired
    assert " in in " not in html and "left in in" not in html
    assert Article.objects.get(pk=article.pk).key_takeaways.get().text.startswith("Café")


def test_a_refused_publish_is_one_error_and_no_success(editor_client):
    article = make_article(number=77, status=ArticleStatus.DRAFT)
    data = form_data(article.section, workflow="publish", image_credit="Fuente: Reuters")
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), data, follow=True
    )
    said = messages_of(response)
    assert len(said) == 1
    level, text = said[0]
    assert level == "error"
    assert text.startswith("Saved as draft, not published: the quality gate found 1 problem")
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DRAFT


def test_a_save_with_blocking_findings_warns_once(editor_client):
    article = make_article(number=77, status=ArticleStatus.DRAFT)
    data = form_data(article.section, dek="[Standfirst TK]")
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), data, follow=True
    )
    assert messages_of(response) == [
        (
            "warning",
            "Saved. The quality gate found 1 problem that blocks publishing: see the Quality "
            "gate panel.",
        )
    ]


def test_a_clean_publish_says_so_once(editor_client, settings):
    # One editor edits and publishes in one save: the one-person-newsroom setting (the second
    # editor's approval is tested in test_review.py and test_admin.py).
    settings.ARTICLES_SECOND_EDITOR_REQUIRED = False
    article = make_article(number=77, status=ArticleStatus.DRAFT)
    data = form_data(article.section, workflow="publish")
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]), data, follow=True
    )
    assert messages_of(response) == [("success", "Saved. Publish now: done.")]
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert "No problems found." in page.content.decode()


def test_a_plain_save_keeps_djangos_own_message(editor_client):
    article = make_article(number=77, status=ArticleStatus.DRAFT)
    response = editor_client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        form_data(article.section),
        follow=True,
    )
    [(level, text)] = messages_of(response)
    assert level == "success" and "was changed successfully" in text
