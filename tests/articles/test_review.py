"""A second pair of eyes before publication, and the commentator's own confirmation."""

import logging
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from articles import publishing, review
from articles.models import Article, ArticleStatus, Revision
from tests.conftest import make_article, make_clinician, make_editor, make_user

pytestmark = pytest.mark.django_db


def edited_by(editor, **fields) -> Article:
    """A draft whose last change an editor made (as an admin save records it)."""
    article = make_article(status=ArticleStatus.DRAFT, **fields)
    Revision.objects.create(
        article=article, author=editor, status="draft", message="Edited", changed_fields=["title"]
    )
    return article


def test_one_editor_alone_cannot_publish():
    author = make_editor()
    article = edited_by(author)
    with pytest.raises(review.ReviewError, match="second editor must approve"):
        publishing.publish(article=article, user=author)
    with pytest.raises(review.ReviewError):
        review.approve(article=article, editor=author)  # not their own change
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DRAFT


def test_a_second_editors_approval_lets_either_publish():
    author, second = make_editor(), make_editor()
    article = edited_by(author)
    review.approve(article=article, editor=second)
    assert publishing.publish(article=article, user=author).status == ArticleStatus.PUBLISHED


def test_an_edit_after_the_approval_needs_a_new_one():
    author, second = make_editor(), make_editor()
    article = edited_by(author)
    review.approve(article=article, editor=second)
    Revision.objects.create(
        article=article, author=author, status="draft", message="Edited", changed_fields=["dek"]
    )
    with pytest.raises(review.ReviewError):
        publishing.schedule(
            article=article,
            user=author,
            publish_at=timezone.now() + timedelta(days=1),
        )


def test_the_approver_may_not_be_the_last_changes_author_even_after_others_edited():
    first, second = make_editor(), make_editor()
    article = edited_by(first)
    Revision.objects.create(
        article=article, author=second, status="draft", message="Edited", changed_fields=["dek"]
    )
    with pytest.raises(review.ReviewError):
        review.approve(article=article, editor=second)
    review.approve(article=article, editor=first)  # the earlier author reads the later change
    publishing.publish(article=article, user=second)


def test_only_editors_approve():
    article = edited_by(make_editor())
    for who in (make_user(), make_clinician(), make_user(is_staff=True, mfa=True)):
        with pytest.raises(PermissionDenied):
            review.approve(article=article, editor=who)


def test_the_one_person_newsroom_setting_publishes_and_says_so(settings, caplog):
    settings.ARTICLES_SECOND_EDITOR_REQUIRED = False
    editor = make_editor()
    article = edited_by(editor)
    with caplog.at_level(logging.WARNING, logger="articles.review"):
        publishing.publish(article=article, user=editor)
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.PUBLISHED
    assert Revision.objects.filter(article=article, message__contains="without a second editor")
    assert "without a second editor" in caplog.text


# The commentator's confirmation ------------------------------------------------------------


def linked(clinician, **fields) -> Article:
    author = make_editor()
    article = edited_by(author, commentator=clinician, **fields)
    review.approve(article=article, editor=make_editor())
    return article


def test_linked_commentary_waits_for_its_clinician(client):
    clinician = make_clinician()
    article = linked(clinician)
    with pytest.raises(review.ReviewError, match="has not confirmed"):
        publishing.publish(article=article, user=make_editor())
    client.force_login(clinician)
    url = reverse("articles:commentary-confirm", args=[article.number])
    page = client.get(url).content.decode()
    assert "Confirm your commentary" in page and article.commentary_html in page
    client.post(url, {"digest": article.commentary_digest()})
    article.refresh_from_db()
    assert article.commentary_confirmed
    publishing.publish(article=article, user=make_editor())
    reader = client.get(article.get_absolute_url()).content.decode()
    assert "Confirmed by the clinician through their verified account" in reader


def test_an_old_page_does_not_confirm_a_text_edited_since(client):
    clinician = make_clinician()
    article = linked(clinician)
    old_digest = article.commentary_digest()
    Article.objects.filter(pk=article.pk).update(commentary="A different text now.")
    client.force_login(clinician)
    url = reverse("articles:commentary-confirm", args=[article.number])
    response = client.post(url, {"digest": old_digest})
    assert "changed while you were reading" in response.content.decode()
    assert not Article.objects.get(pk=article.pk).commentary_confirmed


def test_editing_a_confirmed_commentary_asks_for_a_new_confirmation():
    clinician = make_clinician()
    article = linked(clinician)
    review.confirm_commentary(
        article=article, clinician=clinician, digest=article.commentary_digest()
    )
    article.refresh_from_db()
    article.commentary = "Edited after the clinician confirmed it."
    assert not article.commentary_confirmed


def test_only_the_linked_verified_clinician_confirms(client):
    article = linked(make_clinician())
    url = reverse("articles:commentary-confirm", args=[article.number])
    client.force_login(make_clinician())  # another clinician: may not preview drafts either
    assert client.get(url).status_code == 404
    client.force_login(make_editor())  # an editor: told who confirms
    response = client.get(url)
    assert (
        response.status_code == 403 and "Only the verified clinician" in response.content.decode()
    )
    with pytest.raises(PermissionDenied):
        review.confirm_commentary(
            article=article, clinician=make_clinician(), digest=article.commentary_digest()
        )


def test_unlinked_commentary_may_go_out_and_says_it_is_unconfirmed(client):
    article = edited_by(make_editor())
    review.approve(article=article, editor=make_editor())
    publishing.publish(article=article, user=make_editor())
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Not confirmed by a verified clinician" in page


def test_the_admin_links_commentary_only_to_verified_clinicians():
    from articles.admin import ArticleAdminForm

    form = ArticleAdminForm(user=make_editor())
    form.cleaned_data = {"commentator": make_user()}
    with pytest.raises(ValidationError, match="verified clinician"):
        form.clean_commentator()
    form.cleaned_data = {"commentator": make_clinician()}
    assert form.clean_commentator() is not None
