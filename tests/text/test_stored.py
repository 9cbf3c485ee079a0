"""`KeepsHtmlRendered`: *_html follows its Markdown source on save, and only when it changed."""

from unittest import mock

import pytest

from articles.models import FAQItem
from tests.conftest import make_article, make_user

pytestmark = pytest.mark.django_db


def test_new_rows_render_and_changed_sources_render_again():
    faq = FAQItem.objects.create(article=make_article(), question="Q?", answer="**yes**")
    assert faq.answer_html == "<p><strong>yes</strong></p>\n"
    faq.answer = "*no*"
    faq.save()
    assert FAQItem.objects.get(pk=faq.pk).answer_html == "<p><em>no</em></p>\n"


def test_an_unchanged_source_is_not_rendered_again():
    faq = FAQItem.objects.create(article=make_article(), question="Q?", answer="**yes**")
    loaded = FAQItem.objects.get(pk=faq.pk)
    with mock.patch("text.stored.render_markdown", return_value="<p>changed</p>") as render:
        loaded.position = 3
        loaded.save()
        render.assert_not_called()
        loaded.answer = "changed"
        loaded.save()
        render.assert_called_once_with("changed")


def test_update_fields_saves_the_html_of_the_named_sources_only():
    member = make_user()
    member.about = "I *like* tea"
    member.save(update_fields=["about"])
    assert "<em>like</em>" in type(member).objects.get(pk=member.pk).about_html
    member.about = "not saved"
    member.first_name = "A"
    member.save(update_fields=["first_name"])
    assert "<em>like</em>" in type(member).objects.get(pk=member.pk).about_html


def test_items_render_headings_in_their_body_and_empty_sources_to_nothing():
    article = make_article(body="## Background\n\nText", commentary="")
    assert "<h2" in article.body_html or "<h3" in article.body_html
    assert article.commentary_html == ""
