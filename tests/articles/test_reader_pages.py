"""Reader pages: what readers can reach, what each page shows, and fixed query counts."""

import json
import re
import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleStatus
from forum.posting import ensure_article_thread
from tests.articles.conftest import make_full_article, make_topic
from tests.conftest import make_article, make_editor, make_section, make_user

pytestmark = pytest.mark.django_db


def detail_url(article):
    return reverse("articles:detail", kwargs={"number": article.number, "slug": article.slug})


def test_item_page_shows_every_part(client):
    article = make_full_article(
        dek="A short standfirst.",
        image_url="https://images.example.com/a.jpg",
        image_alt="A quiet clinic room",
        image_credit="Photo: Example",
        evidence_design="randomized trial",
        evidence_size="140",
        evidence_peer_reviewed=False,
        evidence_population="human",
        provenance_method="Drafted from the abstract and checked by the clinician.",
        commentator_photo_url="https://images.example.com/dr.jpg",
    )
    thread = ensure_article_thread(article)  # what publishing does, through its signal
    html = client.get(detail_url(article)).content.decode()
    for expected in (
        f"#{article.number}",
        article.section.name,
        article.title,
        "A short standfirst.",
        "Published <time",
        'alt="A quiet clinic room"',
        "Photo: Example",
        "<strong>40 adults</strong>",
        "Dr. Rowan Blake</strong>, MD, psychiatrist",
        "Key takeaways",
        "Point 2.",
        "<h2>Background</h2>",
        "Question 1?",
        "Reference 2",
        "Original story:",
        "Randomized trial",
        "140 participants",
        "Preprint, not yet peer reviewed",
        "In people",
        "How this item was made",
        "Drafted from the abstract",
        "Corrections",
        "Fixed 1.",
        "Updated <time",
        "Join the conversation",
        "Join the forum discussion",
        f'href="{thread.get_absolute_url()}"',
        reverse("articles:ask-doctor-ask", args=[article.number]),
        "Copy link",
        "mailto:?subject=",
        "https://www.facebook.com/sharer/sharer.php?u=",
    ):
        assert expected in html, expected


def test_item_page_has_canonical_url_open_graph_and_escaped_json_ld(client, settings):
    settings.SITE_URL = "https://clinicalcontext.example"
    article = make_article(title="Doses <5 mg & </script><script>alert(1)</script> tested")
    response = client.get(detail_url(article))
    html = response.content.decode()
    canonical = f"https://clinicalcontext.example{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'<meta property="og:url" content="{canonical}">' in html
    assert '<meta property="og:title" content="Doses &lt;5 mg &amp; &lt;/script&gt;' in html
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert "<" not in block.group(1) and "&" not in block.group(1)
    data = json.loads(block.group(1))
    assert data["@type"] == "NewsArticle"
    assert data["headline"].startswith("Doses <5 mg & </script>")
    assert data["url"] == canonical
    nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)
    assert f'type="application/ld+json" nonce="{nonce}"' in html


def test_markup_in_item_text_cannot_inject_script(client):
    article = make_article(
        summary="<script>alert(1)</script> [x](javascript:alert(1))",
        commentary='<img src=x onerror="alert(1)">',
    )
    html = client.get(detail_url(article)).content.decode()
    assert "<script>alert" not in html
    assert 'href="javascript:' not in html
    assert "<img src=x" not in html
    assert "&lt;img src=x onerror=" in html  # shown as text, harmless


def test_a_stale_slug_redirects_permanently(client):
    article = make_article()
    old = detail_url(article)
    article.slug = "a-better-name"
    article.save()
    response = client.get(old)
    assert response.status_code == 301
    assert response.headers["Location"] == detail_url(article)
    assert client.get(reverse("articles:short-link", args=[article.number])).status_code == 301


@pytest.mark.parametrize(
    "status", [ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED]
)
def test_unpublished_items_are_404_for_readers_and_members(client, status):
    article = make_article(status=status)
    if status == ArticleStatus.SCHEDULED:
        Article.objects.filter(pk=article.pk).update(
            published_at=timezone.now() + timedelta(days=1)
        )
    assert client.get(detail_url(article)).status_code == 404
    client.force_login(make_user())
    assert client.get(detail_url(article)).status_code == 404
    assert client.get(reverse("articles:short-link", args=[article.number])).status_code == 404


def test_editors_preview_an_unpublished_item_as_readers_will_see_it(client):
    article = make_full_article(status=ArticleStatus.DRAFT)
    client.force_login(make_editor())
    response = client.get(detail_url(article))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview." in html
    assert "Key takeaways" in html
    assert response.headers["X-Robots-Tag"] == "noindex"


def test_staff_without_mfa_cannot_preview(client):
    article = make_article(status=ArticleStatus.DRAFT)
    client.force_login(make_user(groups=["Editors"], is_staff=True, mfa=False))
    assert client.get(detail_url(article)).status_code == 404


def test_a_retracted_item_stays_reachable_with_its_notice_but_is_not_listed(client):
    article = make_article(status=ArticleStatus.RETRACTED, published_at=timezone.now())
    Article.objects.filter(pk=article.pk).update(retraction_note="The dose was misreported.")
    html = client.get(detail_url(article)).content.decode()
    assert "This item has been retracted." in html
    assert "The dose was misreported." in html
    assert article.title not in client.get(reverse("articles:index")).content.decode()


def test_a_scheduled_item_appears_at_its_time_without_a_worker(client):
    article = make_article(status=ArticleStatus.SCHEDULED)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert client.get(detail_url(article)).status_code == 200
    assert article.title in client.get(reverse("articles:index")).content.decode()


def test_lists_show_only_listed_items(client):
    section = make_section(blurb="What findings mean for patients.")
    topic = make_topic(name="Depression")
    shown = make_article(section=section, title="Shown item")
    shown.topics.add(topic)
    for status in (ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED):
        hidden = make_article(section=section, status=status, title=f"Hidden {status}")
        hidden.topics.add(topic)
    for url in (
        reverse("articles:index"),
        section.get_absolute_url(),
        topic.get_absolute_url(),
        reverse("home"),
    ):
        html = client.get(url).content.decode()
        assert "Shown item" in html
        assert "Hidden" not in html
    assert (
        "What findings mean for patients."
        in client.get(section.get_absolute_url()).content.decode()
    )


def test_unknown_section_topic_and_item_are_404(client):
    assert client.get(reverse("articles:section", args=["nope"])).status_code == 404
    assert client.get(reverse("articles:topic", args=["nope"])).status_code == 404
    assert client.get("/articles/999999/nope/").status_code == 404


def test_a_silly_page_number_is_not_an_error(client):
    make_article()
    for page in ("0", "-1", "x", "99999", "\x00"):
        assert client.get(reverse("articles:index"), {"page": page}).status_code == 200


@pytest.mark.parametrize("size", [3, 60])
def test_list_pages_have_a_fixed_query_count(client, django_assert_num_queries, size):
    section = make_section()
    topic = make_topic()
    for _ in range(size):
        make_article(section=section).topics.add(topic)
    with django_assert_num_queries(2):  # count, page of items with sections
        assert client.get(reverse("articles:index")).status_code == 200
    with django_assert_num_queries(3):  # section, count, page
        assert client.get(section.get_absolute_url()).status_code == 200
    with django_assert_num_queries(3):  # topic, count, page
        assert client.get(topic.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("parts", [10, 1000])
def test_item_page_has_a_fixed_query_count(client, django_assert_num_queries, parts):
    article = make_full_article(parts=parts)
    # item + section + thread (and the stored answered count), topics, takeaways, FAQ (with
    # the questions readers' Q&As came from), references, corrections
    with django_assert_num_queries(6):
        assert client.get(detail_url(article)).status_code == 200


def test_the_anonymous_item_page_is_cached_and_forgotten_when_the_item_changes(
    client, django_assert_num_queries
):
    article = make_full_article()
    first = client.get(detail_url(article))
    with django_assert_num_queries(0):
        second = client.get(detail_url(article))
    nonce = re.search(r"'nonce-([^']+)'", second.headers["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in second.content.decode()
    assert second.content.decode().replace(nonce, "N") == first.content.decode().replace(
        re.search(r"'nonce-([^']+)'", first.headers["Content-Security-Policy"]).group(1), "N"
    )
    article.title = "A corrected title"
    article.save()
    assert "A corrected title" in client.get(detail_url(article)).content.decode()
    faq = article.faq_items.first()
    faq.question = "A new question?"
    faq.save()
    assert "A new question?" in client.get(detail_url(article)).content.decode()


def test_a_cached_page_never_reaches_a_retracted_or_unpublished_state(client):
    article = make_article()
    client.get(detail_url(article))
    article.status = ArticleStatus.DRAFT
    article.save()
    assert client.get(detail_url(article)).status_code == 404


def test_logged_in_readers_are_not_served_the_anonymous_page(client):
    article = make_article()
    client.get(detail_url(article))
    member = make_user()
    client.force_login(member)
    html = client.get(detail_url(article)).content.decode()
    assert member.display_handle in html


def test_an_item_without_its_thread_yet_says_the_discussion_opens_shortly(client):
    article = make_full_article()
    html = client.get(detail_url(article)).content.decode()
    assert "The forum discussion of this item opens shortly." in html
    assert "/forum/" not in html.split('id="share-heading"')[0].split("Talk it through")[1]


def test_our_own_image_loads_from_whatever_address_the_site_is_served_on(client, settings):
    # Stored when the site ran on :8000; now it runs on :8250 and the CSP allows only 'self'.
    settings.SITE_URL = "http://127.0.0.1:8250"
    article = make_article(
        image_url="http://127.0.0.1:8000/static/img/demo/clinic-room.svg", image_alt="A room"
    )
    html = client.get(detail_url(article)).content.decode()
    assert '<img src="/static/img/demo/clinic-room.svg"' in html
    assert 'content="http://127.0.0.1:8250/static/img/demo/clinic-room.svg"' in html


def test_someone_elses_image_keeps_its_own_address(client, settings):
    settings.SITE_URL = "https://clinicalcontext.example"
    for url in ("https://images.example.org/static/a.jpg", "https://cdn.example.org/b.jpg"):
        article = make_article(image_url=url, image_alt="A photo")
        html = client.get(detail_url(article)).content.decode()
        assert f'<img src="{url}"' in html


def _nonce(response) -> str:
    return re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"]).group(1)


def test_a_cached_item_page_gets_a_new_nonce_and_the_full_stacks_headers_every_time(client):
    article = make_full_article()
    cold = client.get(detail_url(article))
    hits = [client.get(detail_url(article)) for _ in range(2)]
    nonces = {_nonce(cold), *map(_nonce, hits)}
    assert len(nonces) == 3  # never reused between responses
    for hit in hits:
        assert f'nonce="{_nonce(hit)}"' in hit.text
        assert "__articles_csp_nonce__" not in hit.text
        for header in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
            assert hit.headers[header] == cold.headers[header]
        assert hit.text.replace(_nonce(hit), "N") == cold.text.replace(_nonce(cold), "N")


def test_a_cache_hit_is_one_cache_read_and_runs_no_view(client, monkeypatch):
    """One get_many (a single MGET on Redis); no other read, no session, no view."""
    from django.core.cache import cache

    from articles import views

    article = make_full_article()
    client.get(detail_url(article))
    reads, inside = [], []
    real_get, real_get_many = cache.get, cache.get_many

    def get(*args, **kwargs):
        if not inside:
            reads.append("get")
        return real_get(*args, **kwargs)

    def get_many(keys):
        reads.append("get_many")
        inside.append(True)
        try:
            return real_get_many(keys)
        finally:
            inside.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    monkeypatch.setattr(views, "render", lambda *a, **k: pytest.fail("the view ran"))
    assert client.get(detail_url(article)).status_code == 200
    assert reads == ["get_many"]


def test_a_query_string_or_a_session_bypasses_the_cached_page(client):
    article = make_article()
    client.get(detail_url(article))
    assert client.get(detail_url(article) + "?utm_source=mail").status_code == 200
    member = make_user()
    client.force_login(member)
    assert member.display_handle in client.get(detail_url(article)).text


def test_a_reply_in_the_items_thread_forgets_its_cached_page(client):
    from forum import posting

    article = make_article()
    thread = posting.ensure_article_thread(article)
    client.get(detail_url(article))
    posting.reply(author=make_user(), thread=thread, body="A reply", submission_token=uuid.uuid4())
    assert "1 reply" in client.get(detail_url(article)).text
