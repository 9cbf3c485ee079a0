"""The admin: editors write items with inlines, see the gate's findings, and move the workflow."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleStatus, Correction, GateOverride, Revision
from tests.conftest import make_article, make_editor, make_section, make_user

pytestmark = pytest.mark.django_db
INLINES = [
    "findings",
    "key_takeaways",
    "faq_items",
    "references",
    "corrections",
    "revisions",
    "gate_overrides",
]


def form_data(section, **overrides):
    data = {
        "number": "77",
        "section": str(section.pk),
        "title": "Walking after meals lowered glucose spikes",
        "slug": "",
        "dek": "A crossover study in 30 adults.",
        "summary": "A short walk after dinner reduced the rise in blood glucose.",
        "commentary": "Easy advice to try, and unlikely to harm anyone who can walk safely.",
        "commentator_name": "Dr. Sam Reyes",
        "commentator_credentials": "MD, endocrinology",
        "source_publisher": "Example Journal",
        "source_url": "https://example.com/walking",
        "evidence_population": "",
        "evidence_peer_reviewed": "unknown",
        "workflow": "",
        "override_reason": "",
    }
    for prefix in INLINES:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(
        {
            "key_takeaways-TOTAL_FORMS": "1",
            "key_takeaways-0-position": "0",
            "key_takeaways-0-text": "Ten minutes was enough.",
            "faq_items-TOTAL_FORMS": "1",
            "faq_items-0-position": "0",
            "faq_items-0-question": "How long should I walk?",
            "faq_items-0-answer": "About ten minutes, soon after eating.",
            "references-TOTAL_FORMS": "1",
            "references-0-position": "0",
            "references-0-title": "The crossover study",
            "references-0-url": "https://example.com/study",
        }
    )
    data.update(overrides)
    return data


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_an_editor_creates_an_item_and_a_second_editor_approves_and_publishes_it(
    editor_client, client
):
    section = make_section()
    response = editor_client.post(
        reverse("admin:articles_article_add"), form_data(section, workflow="publish")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(number=77)
    assert article.status == ArticleStatus.DRAFT  # nobody else has read it yet
    change = reverse("admin:articles_article_change", args=[article.pk])
    # The change form sent back as it is (only a workflow step chosen): no new edit.
    as_it_is = {
        **form_data(section, slug=article.slug),
        **{f"{prefix}-TOTAL_FORMS": "0" for prefix in INLINES},
    }
    # The author cannot approve their own change.
    refused = editor_client.post(change, {**as_it_is, "workflow": "approve"}, follow=True)
    assert "another editor must approve it" in refused.content.decode()
    second, second_editor = Client(), make_editor()
    second.force_login(second_editor)
    second.post(change, {**as_it_is, "workflow": "approve"})
    assert "Approved by" in second.get(change).content.decode()
    editor_client.post(change, {**as_it_is, "workflow": "publish"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.slug == "walking-after-meals-lowered-glucose-spikes"
    assert article.key_takeaways.get().text == "Ten minutes was enough."
    assert article.faq_items.get().answer_html.startswith("<p>About ten minutes")
    assert article.references.count() == 1
    assert not article.findings.exists()
    author = article.revisions.last().author_id
    history = Revision.objects.filter(article=article).values_list("message", "author")
    assert list(history) == [
        ("Published", author),
        ("Approved for publication by a second editor", second_editor.pk),
        ("Created in the admin", author),
    ]


def test_the_gate_runs_on_admin_save_and_its_findings_show_on_the_item_page(editor_client):
    section = make_section()
    data = form_data(
        section,
        workflow="publish",
        summary="I'm sorry, but I can't access the link you shared.",
        image_credit="圖片來源：Unsplash",
    )
    response = editor_client.post(reverse("admin:articles_article_add"), data, follow=True)
    html = response.content.decode()
    assert "not published: the quality gate found 2 problems that block publishing" in html
    assert "changed successfully" not in html and "added successfully" not in html
    article = Article.objects.get(number=77)
    assert article.status == ArticleStatus.DRAFT
    assert set(article.findings.values_list("field", "kind")) == {
        ("summary", "ai_refusal"),
        ("image.credit", "foreign_boilerplate"),
    }
    page = editor_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    text = page.content.decode()
    assert "Quality gate" in text and "2 problems block publishing" in text
    assert "gate-finding gate-blocking" in text
    assert "I&#x27;m sorry, but I can&#x27;t access the link you shared." in text
    assert "圖片來源：Unsplash" in text


def test_an_override_reason_publishes_past_the_gate_and_is_logged(editor_client, settings):
    settings.ARTICLES_SECOND_EDITOR_REQUIRED = False  # a one-person newsroom
    section = make_section()
    data = form_data(
        section,
        workflow="publish",
        image_credit="Foto: Unsplash",
        override_reason="The credit line is the agency's own wording; agreed with legal.",
    )
    editor_client.post(reverse("admin:articles_article_add"), data)
    article = Article.objects.get(number=77)
    assert article.status == ArticleStatus.PUBLISHED
    assert GateOverride.objects.get(article=article).findings[0]["field"] == "image.credit"


def test_corrections_are_recorded_with_their_author_and_shown_to_readers(editor_client, client):
    article = make_article(number=77)
    data = form_data(
        article.section,
        **{
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-note": "An earlier version gave the wrong study size.",
        },
    )
    response = editor_client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 302
    correction = Correction.objects.get(article=article)
    assert correction.created_by is not None
    article.refresh_from_db()
    reader = client.__class__()
    html = reader.get(article.get_absolute_url()).content.decode()
    assert "An earlier version gave the wrong study size." in html


def test_staff_without_the_publish_permission_are_not_offered_publishing(client):
    from django.contrib.auth.models import Permission

    writer = make_user(is_staff=True, mfa=True)
    writer.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["add_article", "change_article", "view_article", "view_section"]
        )
    )
    client.force_login(writer)
    html = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "Send for review" in html
    assert "Publish now" not in html
    response = client.post(
        reverse("admin:articles_article_add"), form_data(make_section(), workflow="publish")
    )
    assert response.status_code == 200  # the choice is refused, nothing saved
    assert not Article.objects.exists()


def test_members_cannot_reach_the_admin(client):
    client.force_login(make_user())
    response = client.get(reverse("admin:articles_article_changelist"))
    assert response.status_code == 302
    assert "login" in response.headers["Location"]
