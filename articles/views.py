"""Reader pages: latest items, a section, a topic, an item. Views are glue; reads are
QuerySet methods (`for_list_page`, `for_detail_page`); the item page is cached for anonymous
readers (articles/caching.py)."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.middleware.csp import get_nonce
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from . import caching, seo
from .ask_doctor.integration import article_block_context
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
    return render(request, "articles/article_list.html", {"page": page, "section": section})


@require_safe
def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    page = _page(request, Article.objects.for_list_page().filter(topics=topic))
    return render(request, "articles/article_list.html", {"page": page, "topic": topic})


def _cacheable(request) -> bool:
    """Anonymous, no session (so no messages), no query string: every such page is the same."""
    return not request.GET and settings.SESSION_COOKIE_NAME not in request.COOKIES


@require_safe
def article_detail(request, number, slug):
    cacheable = _cacheable(request)
    if cacheable and (cached := caching.get_page(number)):
        if cached["slug"] != slug:
            return redirect("articles:detail", number=number, slug=cached["slug"], permanent=True)
        # str() generates this request's nonce, so the CSP header will carry it too.
        return HttpResponse(caching.restore_content(cached, str(get_nonce(request))))

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
    }
    response = render(request, "articles/article_detail.html", context)
    if preview:
        response.headers["X-Robots-Tag"] = "noindex"
        response.headers["Cache-Control"] = "private, no-store"
    elif cacheable:
        nonce = get_nonce(request)
        caching.store_page(
            number,
            slug=article.slug,
            content=response.content.decode(),
            nonce=str(nonce) if nonce else None,
        )
    return response


@require_safe
def article_short_link(request, number):
    """/articles/50/ → the item's full address (as printed: "item #50")."""
    fields = ("number", "slug", "status", "published_at")
    article = Article.objects.filter(number=number).only(*fields).first()
    if article is None or not (article.is_public or can_preview(request.user, article)):
        raise Http404("No such item.")
    return redirect(article, permanent=True)
