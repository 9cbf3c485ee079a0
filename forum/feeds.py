"""RSS and Atom feeds of the forum: new threads in a room, new posts in a thread.

Feeds are public URLs, read by feed readers without a session: they show what an anonymous
visitor sees, whoever fetches them. A clinicians-only room and its threads have no feed (404).
Post text is the stored, sanitized `body_html`; titles are plain text, escaped by the feed
generator. Hidden and removed posts never appear (`Post.objects.readable_by`).
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html

from .models import Category, Post, Thread, segment

FEED_SIZE = 30
_PUBLIC = AnonymousUser()


class CategoryFeed(Feed):
    """The newest threads of one room."""

    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.visible_to(_PUBLIC), slug=slug)

    def title(self, obj):
        return f"{settings.SITE_NAME} forum: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or f"New threads in {obj.name}."

    def items(self, obj):
        opening = Post.objects.readable_by(_PUBLIC).filter(path=segment(0))
        return (
            Thread.objects.visible_to(_PUBLIC)
            .filter(category=obj)
            .select_related("author", "article")
            .prefetch_related(Prefetch("posts", queryset=opening, to_attr="opening"))
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        if item.opening:
            return item.opening[0].body_html
        if item.article_id:
            return format_html("<p>The discussion of “{}”.</p>", item.article.title)
        return ""

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.last_activity_at

    def item_author_name(self, item):
        return item.author.display_handle if item.author_id else settings.SITE_NAME


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class ThreadFeed(Feed):
    """The newest posts of one thread."""

    def get_object(self, request, pk):
        return get_object_or_404(Thread.objects.visible_to(_PUBLIC), pk=pk)

    def title(self, obj):
        return f"{settings.SITE_NAME} forum: {obj.title}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"New posts in “{obj.title}”."

    def items(self, obj):
        posts = Post.objects.readable_by(_PUBLIC).filter(thread=obj)
        posts = posts.select_related("author", "thread")
        return posts.order_by("-created_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.author.display_handle} in “{item.thread.title}”"

    def item_link(self, item):
        return reverse("forum:post", kwargs={"pk": item.pk})

    def item_description(self, item):
        return item.body_html

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at

    def item_author_name(self, item):
        return item.author.display_handle


class ThreadAtomFeed(ThreadFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
