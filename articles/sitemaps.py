"""sitemap.xml: listed items, sections and topics (never drafts, scheduled or in-review items)."""

from django.contrib.sitemaps import Sitemap

from .models import Article, Section, Topic


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 5000

    def items(self):
        return (
            Article.objects.published()
            .order_by("-published_at", "-number")
            .only("number", "slug", "updated_at", "published_at")
        )

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.5

    def items(self):
        return Section.objects.order_by("slug")


class TopicSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.4

    def items(self):
        return Topic.objects.order_by("slug")


SITEMAPS = {"items": ArticleSitemap, "sections": SectionSitemap, "topics": TopicSitemap}
