"""Following topics and sections: the buttons, and new items reaching their followers."""

import pytest
from django.urls import reverse

from articles import publishing
from articles.models import ArticleStatus
from notifications.follows import follow, follower_ids
from notifications.kinds import Kind
from notifications.models import Notification
from tests.articles.conftest import make_topic
from tests.conftest import make_article, make_editor, make_section, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def one_person_newsroom(settings):
    # These tests are about who hears of a publication, not about the second editor's review.
    settings.ARTICLES_SECOND_EDITOR_REQUIRED = False


def test_followers_of_the_section_or_a_topic_hear_of_a_new_item_once():
    section, sleep, mood = make_section(), make_topic(name="Sleep"), make_topic(name="Mood")
    draft = make_article(section=section, status=ArticleStatus.DRAFT, title="Naps and memory")
    draft.topics.set([sleep, mood])
    everything, sleeper, outsider = make_user(), make_user(), make_user()
    for key in (f"section:{section.pk}", f"topic:{sleep.pk}", f"topic:{mood.pk}"):
        follow(user=everything, key=key)
    follow(user=sleeper, key=f"topic:{sleep.pk}")
    follow(user=outsider, key=f"topic:{make_topic().pk}")
    article = publishing.publish(article=draft, user=make_editor())
    notes = Notification.objects.filter(kind=Kind.FOLLOWED_ITEM)
    assert sorted(notes.values_list("recipient", flat=True)) == sorted([everything.pk, sleeper.pk])
    assert {n.url for n in notes} == {article.get_absolute_url()}
    assert notes.first().title == "New item: “Naps and memory”"


def test_a_retracted_and_republished_item_is_not_announced_twice():
    topic = make_topic()
    draft = make_article(status=ArticleStatus.DRAFT)
    draft.topics.set([topic])
    member = make_user()
    follow(user=member, key=f"topic:{topic.pk}")
    editor = make_editor()
    article = publishing.publish(article=draft, user=editor)
    article = publishing.retract(article=article, user=editor, note="Checking a figure.")
    article.status = ArticleStatus.DRAFT
    article.save(update_fields=["status"])
    publishing.publish(article=article, user=editor)
    assert Notification.objects.filter(recipient=member).count() == 1


def test_the_topic_page_has_a_follow_button_that_follows(client):
    topic = make_topic(name="Sleep")
    member = make_user()
    client.force_login(member)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Follow Sleep" in page
    client.post(
        reverse("notifications:follow"),
        {"key": f"topic:{topic.pk}", "next": topic.get_absolute_url()},
    )
    assert follower_ids(f"topic:{topic.pk}") == [member.pk]
    assert "Following Sleep" in client.get(topic.get_absolute_url()).content.decode()


def test_the_section_page_and_the_item_page_offer_follows(client):
    section = make_section(name="Clinical Context")
    topic = make_topic(name="Mood")
    article = make_article(section=section)
    article.topics.set([topic])
    client.force_login(make_user())
    assert "Follow Clinical Context" in client.get(section.get_absolute_url()).content.decode()
    item = client.get(article.get_absolute_url()).content.decode()
    assert "Follow Clinical Context" in item and "Follow Mood" in item


def test_a_visitor_is_offered_a_login_to_follow(client):
    topic = make_topic(name="Sleep")
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Log in to follow Sleep" in page


def test_only_real_topics_and_sections_can_be_followed(client):
    client.force_login(make_user())
    assert client.post(reverse("notifications:follow"), {"key": "topic:999999"}).status_code == 404
    section = make_section()
    response = client.post(reverse("notifications:follow"), {"key": f"section:{section.pk}"})
    assert response.status_code == 302 and response["Location"] == section.get_absolute_url()


@pytest.mark.parametrize("items", [10, 1000])
def test_a_members_topic_page_costs_the_same_for_10_and_1000_items(
    client, items, django_assert_num_queries
):
    from django.utils import timezone

    from articles.models import Article

    topic, section = make_topic(name="Sleep"), make_section()
    Article.objects.bulk_create(
        Article(number=5000 + n, slug=f"item-{n}", title=f"Item {n}", dek="Short.",
                summary="S.", commentary="C.", commentator_name="Dr. A",
                commentator_credentials="MD", source_publisher="P",
                source_url="https://example.com/", section=section,
                status=ArticleStatus.PUBLISHED, published_at=timezone.now())
        for n in range(items)
    )  # fmt: skip
    topic.articles.set(Article.objects.all())
    client.force_login(make_user())
    # user, permissions (chrome), topic, count, the page of items with topics, the follow
    # button's state, the bell
    with django_assert_num_queries(7):
        response = client.get(topic.get_absolute_url())
    assert response.status_code == 200 and "Follow Sleep" in response.content.decode()
