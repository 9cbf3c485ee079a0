"""Reader pages: latest items, a section, a topic, an item. Views are glue; reads are
QuerySet methods (`for_list_page`, `for_detail_page`); the item page is cached for anonymous
readers (articles/caching.py)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from . import notifying, seo
from .ask_doctor.integration import article_block_context
from .middleware import is_cacheable_request
from .models import Article, Section, Topic
from .permissions import can_preview

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@require_safe
def article_index(request):
    page = _page(request, Article.objects.for_list_page())
    return render(request, "articles/article_list.html", {"page": page})


@require_safe
def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    page = _page(request, Article.objects.for_list_page().filter(section=section))
    context = {
        "page": page,
        "section": section,
        "follow_buttons": notifying.follow_buttons(request.user, section=section),
    }
    return render(request, "articles/article_list.html", context)


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, Article.objects.for_list_page().filter(topics=topic))
    context = {
        "page": page,
        "topic": topic,
        "follow_buttons": notifying.follow_buttons(request.user, topics=[topic]),
    }
    return render(request, "articles/article_list.html", context)


@require_safe
def article_detail(request, number, slug):
    """Anonymous readers get this page from the cache (articles/middleware.py) once it has been
    rendered: the response is marked cacheable here and stored on its way out."""
    article = Article.objects.for_detail_page().filter(number=number).first()
    if article is None:
        raise Http404("No such item.")
    preview = not article.is_public
    if preview and not can_preview(request.user, article):
        raise Http404("No such item.")
    if article.slug != slug:
        return redirect(article, permanent=True)
    context = {
        **seo.detail_context(article),
        **article_block_context(article, request.user),
        "follow_buttons": notifying.follow_buttons(
            request.user, section=article.section, topics=article.topics.all()
        ),
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        response.headers["X-Robots-Tag"] = "noindex"
        response.headers["Cache-Control"] = "private, no-store"
    elif is_cacheable_request(request):
        response.item_page_cacheable = True
    return response


@require_safe
def article_short_link(request, number):
    """/articles/50/ → the item's full address (as printed: "item #50")."""
    fields = ("number", "slug", "status", "published_at")
    article = Article.objects.filter(number=number).only(*fields).first()
    if article is None or not (article.is_public or can_preview(request.user, article)):
        raise Http404("No such item.")
    return redirect(article, permanent=True)
