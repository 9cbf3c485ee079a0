"""RSS/Atom feeds and sitemap.xml: valid XML, listed items only, fixed query counts."""

from xml.etree import ElementTree

import pytest
from django.urls import reverse

from articles.models import ArticleStatus
from tests.articles.conftest import make_topic
from tests.conftest import make_article, make_section

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_urls(section, topic):
    return [
        reverse("articles:feed-rss"),
        reverse("articles:feed-atom"),
        reverse("articles:section-feed-rss", args=[section.slug]),
        reverse("articles:section-feed-atom", args=[section.slug]),
        reverse("articles:topic-feed-rss", args=[topic.slug]),
        reverse("articles:topic-feed-atom", args=[topic.slug]),
    ]


def titles(content: bytes) -> list[str]:
    root = ElementTree.fromstring(content)  # noqa: S314 (our own output)
    if root.tag == "rss":
        return [item.findtext("title") for item in root.iter("item")]
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_feeds_are_xml_and_list_only_published_items(client):
    section = make_section()
    topic = make_topic()
    shown = make_article(section=section, title="Listed <item> & more")
    shown.topics.add(topic)
    for status in (
        ArticleStatus.DRAFT,
        ArticleStatus.IN_REVIEW,
        ArticleStatus.SCHEDULED,
        ArticleStatus.RETRACTED,
    ):
        make_article(section=section, status=status, title=f"Hidden {status}").topics.add(topic)
    make_article(title="Other section")
    for url in feed_urls(section, topic):
        response = client.get(url)
        assert response.status_code == 200
        listed = titles(response.content)
        assert f"#{shown.number} Listed <item> & more" in listed
        assert not [t for t in listed if "Hidden" in t]
        if "sections" in url or "topics" in url:
            assert not [t for t in listed if "Other section" in t]


def test_feeds_for_an_unknown_section_or_topic_are_404(client):
    assert client.get("/articles/sections/nope/feed/rss/").status_code == 404
    assert client.get("/articles/topics/nope/feed/atom/").status_code == 404


@pytest.mark.parametrize("size", [3, 40])
def test_feeds_have_a_fixed_query_count(client, django_assert_num_queries, size):
    section = make_section()
    topics = [make_topic() for _ in range(3)]
    for _ in range(size):
        make_article(section=section).topics.set(topics)
    with django_assert_num_queries(3):  # items with sections, their topics, their corrections
        client.get(reverse("articles:feed-rss"))
    with django_assert_num_queries(4):  # + the section
        client.get(reverse("articles:section-feed-atom", args=[section.slug]))


def test_sitemap_lists_published_items_sections_and_topics_only(client):
    shown = make_article()
    hidden = [
        make_article(status=status)
        for status in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED)
    ]
    topic = make_topic()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(shown.get_absolute_url()) for loc in locs)
    assert any(loc.endswith(topic.get_absolute_url()) for loc in locs)
    for article in hidden:
        assert not any(loc.endswith(article.get_absolute_url()) for loc in locs)


@pytest.mark.parametrize("size", [3, 40])
def test_sitemap_has_a_fixed_query_count(client, django_assert_num_queries, size):
    for _ in range(size):
        make_article()
    with django_assert_num_queries(5):  # items: count + page; sections, topics: one page each
        client.get("/sitemap.xml")


@pytest.mark.parametrize("url_name", ["articles:feed-rss", "articles:feed-atom"])
def test_a_plain_text_standfirst_is_escaped_in_the_feed_html(client, url_name):
    make_article(dek='Less <b>is</b> more & "safer" <script>x</script>', summary="Plain.")
    response = client.get(reverse(url_name))
    root = ElementTree.fromstring(response.content)  # noqa: S314
    if root.tag == "rss":
        html = next(root.iter("item")).findtext("description")
    else:
        html = next(root.iter(f"{ATOM}entry")).findtext(f"{ATOM}summary")
    assert "<script>" not in html and "<b>" not in html
    assert "<p><em>Less &lt;b&gt;is&lt;/b&gt; more &amp; &quot;safer&quot;" in html
    assert html.strip().endswith("<p>Plain.</p>")
