"""The workflow: only editors publish; the gate blocks unless overridden with a logged reason."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from articles import publishing, review, signals
from articles.models import Article, ArticleStatus, GateOverride, Revision
from tests.conftest import make_article, make_editor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(db):
    return make_article(status=ArticleStatus.DRAFT)


def approved(article):
    """A second editor approves the item as it stands (articles/review.py)."""
    review.approve(article=article, editor=make_editor())
    return article


@pytest.fixture
def listener():
    seen = []

    def hear(sender, *, article, **kwargs):
        seen.append(article)

    signals.item_published.connect(hear)
    yield seen
    signals.item_published.disconnect(hear)


def test_an_editor_publishes_a_clean_draft_and_listeners_hear_of_it(draft, listener):
    editor = make_editor()
    article = publishing.publish(article=approved(draft), user=editor)
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at is not None
    assert listener == [article]
    revision = Revision.objects.filter(article=article).first()
    assert (revision.author, revision.message) == (editor, "Published")


@pytest.mark.parametrize(
    "who",
    [
        lambda: make_user(),
        lambda: make_user(is_staff=True, mfa=True),
        lambda: make_user(groups=["Editors"], is_staff=True, mfa=False),
    ],
    ids=["member", "staff-without-permission", "editor-without-mfa"],
)
def test_only_editors_with_mfa_publish(draft, who):
    with pytest.raises(PermissionDenied):
        publishing.publish(article=draft, user=who())
    assert Article.objects.get(pk=draft.pk).status == ArticleStatus.DRAFT


def test_blocking_findings_stop_publishing(listener):
    article = approved(
        make_article(status=ArticleStatus.DRAFT, summary="Please provide the article text.")
    )
    with pytest.raises(publishing.GateBlocked) as blocked:
        publishing.publish(article=article, user=make_editor())
    assert [f.kind for f in blocked.value.findings] == ["ai_refusal"]
    assert Article.objects.get(pk=article.pk).status == ArticleStatus.DRAFT
    assert listener == []


def test_an_editor_with_the_override_permission_publishes_with_a_logged_reason():
    article = approved(
        make_article(status=ArticleStatus.DRAFT, summary="Please provide the article text.")
    )
    editor = make_editor()
    publishing.publish(
        article=article, user=editor, override_reason="Quoted on purpose in a story about AI."
    )
    override = GateOverride.objects.get(article=article)
    assert override.editor == editor
    assert override.reason == "Quoted on purpose in a story about AI."
    assert override.findings[0]["kind"] == "ai_refusal"


def test_an_override_needs_the_permission_and_a_real_reason():
    from django.contrib.auth.models import Permission

    article = approved(
        make_article(status=ArticleStatus.DRAFT, summary="Please provide the article text.")
    )
    editor = make_editor()
    with pytest.raises(publishing.PublishError):
        publishing.publish(article=article, user=editor, override_reason="ok")
    limited = make_user(is_staff=True, mfa=True)
    limited.user_permissions.add(Permission.objects.get(codename="publish_article"))
    limited.user_permissions.add(Permission.objects.get(codename="change_article"))
    with pytest.raises(PermissionDenied):
        publishing.publish(article=article, user=limited, override_reason="Because I say so.")
    assert not GateOverride.objects.exists()


def test_scheduling_publishes_itself_at_its_time(draft, listener):
    editor = make_editor()
    when = timezone.now() + timedelta(hours=2)
    publishing.schedule(article=approved(draft), user=editor, publish_at=when)
    assert not Article.objects.public().filter(pk=draft.pk).exists()
    assert publishing.publish_due() == []
    Article.objects.filter(pk=draft.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert Article.objects.published().filter(pk=draft.pk).exists()  # no worker needed
    call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115
    article = Article.objects.get(pk=draft.pk)
    assert article.status == ArticleStatus.PUBLISHED
    assert [a.pk for a in listener] == [draft.pk]
    assert publishing.publish_due() == []  # only once


def test_scheduling_in_the_past_is_refused(draft):
    with pytest.raises(publishing.PublishError):
        publishing.schedule(
            article=draft, user=make_editor(), publish_at=timezone.now() - timedelta(minutes=1)
        )


def test_review_and_back_and_retraction(draft):
    editor = make_editor()
    assert publishing.submit_for_review(article=draft, user=editor).status == "review"
    assert publishing.return_to_draft(article=draft, user=editor).status == "draft"
    publishing.publish(article=approved(draft), user=editor)
    with pytest.raises(publishing.PublishError):
        publishing.retract(article=draft, user=editor, note="   ")
    article = publishing.retract(article=draft, user=editor, note="The dose was wrong.")
    assert article.status == ArticleStatus.RETRACTED
    assert Article.objects.public().filter(pk=draft.pk).exists()
    assert not Article.objects.published().filter(pk=draft.pk).exists()
    with pytest.raises(publishing.PublishError):
        publishing.publish(article=draft, user=editor)
    assert Revision.objects.filter(article=draft).count() == 5  # with the approval


def test_a_member_cannot_retract(article):
    with pytest.raises(PermissionDenied):
        publishing.retract(article=article, user=make_user(), note="No.")
