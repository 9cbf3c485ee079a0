"""RSS and Atom feeds: every item, one section, one topic. Listed items only (never drafts)."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from .models import Article, Section, Topic

FEED_SIZE = 30


class LatestItemsFeed(Feed):
    description = "Health news, put in clinical context by named clinicians."

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: {obj.name}" if obj else settings.SITE_NAME

    def link(self, obj=None):
        return obj.get_absolute_url() if obj else reverse("articles:index")

    def items(self, obj=None):
        return self.filter_items(Article.objects.for_feed(), obj)[:FEED_SIZE]

    def filter_items(self, queryset, obj):
        return queryset

    def item_title(self, item):
        return f"#{item.number} {item.title}"

    def item_description(self, item):
        dek = f"<p><em>{escape(item.dek)}</em></p>" if item.dek else ""
        return (
            dek
            + item.summary_html
            + "".join(
                f"<p><strong>Correction, {correction.created_at:%-d %B %Y}:</strong></p>"
                f"{correction.note_html}"
                for correction in item.corrections.all()
            )
        )

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        """A correction is the news in an updated entry: its time, not any silent save's."""
        corrections = item.corrections.all()
        return corrections[len(corrections) - 1].created_at if corrections else item.published_at

    def item_author_name(self, item):
        return item.commentator_name or None

    def item_categories(self, item):
        return [item.section.name, *(topic.name for topic in item.topics.all())]

    def item_guid(self, item):
        return f"{settings.SITE_URL}/articles/{item.number}/"

    item_guid_is_permalink = False


class LatestItemsAtomFeed(LatestItemsFeed):
    feed_type = Atom1Feed
    subtitle = LatestItemsFeed.description


class SectionFeed(LatestItemsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def filter_items(self, queryset, obj):
        return queryset.filter(section=obj)

    def description(self, obj):
        return obj.blurb or f"Items in {obj.name}."


class SectionAtomFeed(SectionFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class TopicFeed(LatestItemsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Topic, slug=slug)

    def filter_items(self, queryset, obj):
        return queryset.filter(topics=obj)

    def description(self, obj):
        return obj.description or f"Items about {obj.name}."


class TopicAtomFeed(TopicFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
