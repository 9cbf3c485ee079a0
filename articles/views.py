from django.shortcuts import get_object_or_404, redirect, render

from .models import Article, Section, Topic


def article_index(request):
    articles = Article.objects.published().select_related("section")
    return render(request, "articles/article_list.html", {"articles": articles})


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    articles = section.articles.published()
    return render(request, "articles/article_list.html", {"articles": articles, "section": section})


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    articles = topic.articles.published().select_related("section")
    return render(request, "articles/article_list.html", {"articles": articles, "topic": topic})


def article_detail(request, number, slug):
    article = get_object_or_404(Article.objects.public().select_related("section"), number=number)
    if article.slug != slug:
        return redirect(article, permanent=True)
    return render(request, "articles/article_detail.html", {"article": article})
