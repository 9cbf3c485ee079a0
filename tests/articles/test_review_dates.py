"""Review dates: every public item says when a clinician last reviewed it and when the next
review is due; editors see the overdue ones; a superseded item points to the newer one."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import publishing, review
from articles.models import Article, ArticleStatus, Correction
from articles.models.items import add_months
from tests.conftest import make_article, make_editor, make_section, make_user

pytestmark = pytest.mark.django_db


def test_add_months_keeps_the_day_or_takes_the_months_last():
    assert add_months(datetime.date(2026, 3, 15), 12) == datetime.date(2027, 3, 15)
    assert add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2026, 11, 30), 3) == datetime.date(2027, 2, 28)


def test_the_next_review_defaults_to_the_sections_interval():
    yearly = make_article(last_reviewed_on=datetime.date(2026, 5, 4), last_reviewed_by="Dr. A")
    assert yearly.next_review_due == datetime.date(2027, 5, 4)
    fast = make_section(review_interval_months=6)
    half = make_article(
        section=fast, last_reviewed_on=datetime.date(2026, 5, 4), last_reviewed_by="Dr. A"
    )
    assert half.next_review_due == datetime.date(2026, 11, 4)


def test_publishing_records_the_commentators_review_unless_one_was_recorded():
    draft = make_article(status=ArticleStatus.DRAFT, commentator_name="Dr. Ines Halvorsen")
    review.approve(article=draft, editor=make_editor())  # the second pair of eyes
    publishing.publish(article=draft, user=make_editor())
    draft.refresh_from_db()
    today = timezone.localdate()
    assert (draft.last_reviewed_on, draft.last_reviewed_by) == (today, "Dr. Ines Halvorsen")
    assert draft.next_review_due == add_months(today, 12)
    reviewed = make_article(
        status=ArticleStatus.DRAFT,
        last_reviewed_on=datetime.date(2026, 1, 10),
        last_reviewed_by="Dr. Other",
    )
    review.approve(article=reviewed, editor=make_editor())
    publishing.publish(article=reviewed, user=make_editor())
    reviewed.refresh_from_db()
    assert (reviewed.last_reviewed_on, reviewed.last_reviewed_by) == (
        datetime.date(2026, 1, 10),
        "Dr. Other",
    )


def test_the_item_page_says_who_reviewed_it_and_when(client):
    article = make_article(
        last_reviewed_on=datetime.date(2026, 3, 3), last_reviewed_by="Dr. Lena Ortiz"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'Reviewed <time datetime="2026-03-03">3 March 2026</time> by Dr. Lena Ortiz' in html
    assert "next review due March 2027" in html


def test_a_superseded_item_links_the_newer_one_at_the_top(client):
    newer = make_article(title="Updated advice on nightly sprays")
    older = make_article(superseded_by=newer)
    html = client.get(older.get_absolute_url()).content.decode()
    banner = html.index("This item has been superseded by")
    assert banner < html.index('id="item-title"')
    assert f'href="{newer.get_absolute_url()}">#{newer.number} Updated advice' in html
    assert "superseded" not in client.get(newer.get_absolute_url()).content.decode()


def test_a_superseding_item_that_is_not_public_is_not_linked(client):
    draft = make_article(status=ArticleStatus.DRAFT)
    older = make_article(superseded_by=draft)
    assert "superseded" not in client.get(older.get_absolute_url()).content.decode()


def test_renaming_the_newer_item_refreshes_the_cached_banner(client):
    newer = make_article(title="First title")
    older = make_article(superseded_by=newer)
    assert "First title" in client.get(older.get_absolute_url()).content.decode()
    newer.title = "Second title"
    newer.save()
    assert "Second title" in client.get(older.get_absolute_url()).content.decode()


@pytest.mark.parametrize("parts", [10, 1000])
def test_the_review_line_and_banner_add_no_queries(client, django_assert_num_queries, parts):
    newer = make_article()
    article = make_article(
        superseded_by=newer,
        last_reviewed_on=datetime.date(2026, 3, 3),
        last_reviewed_by="Dr. Lena Ortiz",
    )
    for index in range(parts // 10):
        Correction.objects.create(article=article, note=f"Fixed detail {index}.")
    with django_assert_num_queries(6):
        response = client.get(article.get_absolute_url(), {"fresh": "1"})
    assert "superseded by" in response.content.decode()


def test_overdue_items_are_counted_and_listed_for_editors(client):
    long_ago = timezone.localdate() - datetime.timedelta(days=800)
    overdue = make_article(title="Overdue one", last_reviewed_on=long_ago, last_reviewed_by="Dr. A")
    make_article(title="Fresh one", last_reviewed_on=timezone.localdate(), last_reviewed_by="Dr. B")
    make_article(title="Draft one", status=ArticleStatus.DRAFT)  # not public: not counted
    client.force_login(make_editor())
    changelist = client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert "1 published item overdue for clinician review." in changelist
    listed = client.get(reverse("admin:articles_article_changelist"), {"review": "overdue"})
    titles = [a.title for a in listed.context["cl"].result_list]
    assert titles == [overdue.title]


def test_the_overdue_list_is_for_staff_only(client):
    client.force_login(make_user())
    response = client.get(reverse("admin:articles_article_changelist"), {"review": "overdue"})
    assert response.status_code == 302  # to the admin login


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {"last_reviewed_on": "2999-01-01", "last_reviewed_by": "Dr. A"},
            "last_reviewed_on",
            "A review date cannot be in the future.",
        ),
        (
            {"last_reviewed_on": "2026-01-01", "last_reviewed_by": ""},
            "last_reviewed_by",
            "Name the clinician who reviewed it.",
        ),
        (
            {
                "last_reviewed_on": "2026-01-01",
                "last_reviewed_by": "Dr. A",
                "next_review_due": "2025-12-01",
            },
            "next_review_due",
            "The next review must come after the last one.",
        ),
    ],
)
def test_bad_review_dates_are_refused_next_to_the_field(client, fields, field, message):
    from tests.articles.test_admin import form_data

    article = make_article(number=77)
    client.force_login(make_editor())
    data = form_data(article.section, **fields)
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert Article.objects.get(pk=article.pk).last_reviewed_on is None  # nothing written


def test_an_item_cannot_supersede_itself(client):
    from tests.articles.test_admin import form_data

    article = make_article(number=77)
    client.force_login(make_editor())
    data = form_data(article.section, superseded_by=str(article.pk))
    response = client.post(reverse("admin:articles_article_change", args=[article.pk]), data)
    assert response.context["adminform"].form.errors["superseded_by"] == [
        "An item cannot be superseded by itself."
    ]


def test_a_feed_entry_is_updated_by_its_correction_and_shows_it(client):
    article = make_article()
    when = timezone.now() + datetime.timedelta(hours=1)
    Correction.objects.create(
        article=article, note="The dose was 5 mg, not 50 mg.", created_at=when
    )
    atom = client.get(reverse("articles:feed-atom")).content.decode()
    entry = ET.fromstring(atom).find(  # noqa: S314  (our own feed)
        "{http://www.w3.org/2005/Atom}entry"
    )
    updated = entry.find("{http://www.w3.org/2005/Atom}updated").text
    assert updated.startswith(when.strftime("%Y-%m-%dT%H:%M"))
    summary = entry.find("{http://www.w3.org/2005/Atom}summary").text
    assert "Correction," in summary and "The dose was 5 mg, not 50 mg." in summary


def test_a_feed_entry_without_corrections_is_updated_when_published(client):
    article = make_article()
    atom = client.get(reverse("articles:feed-atom")).content.decode()
    entry = ET.fromstring(atom).find(  # noqa: S314  (our own feed)
        "{http://www.w3.org/2005/Atom}entry"
    )
    updated = entry.find("{http://www.w3.org/2005/Atom}updated").text
    assert updated.startswith(article.published_at.strftime("%Y-%m-%dT%H:%M"))
