from django.urls import path

from . import commentary_views, feeds, views
from .ask_doctor import urls as ask_doctor_urls

app_name = "articles"

urlpatterns = [
    # First: "<number>/ask/" would otherwise match the detail pattern (slug "ask") and redirect.
    *ask_doctor_urls.urlpatterns,
    path("", views.article_index, name="index"),
    path("feed/rss/", feeds.LatestItemsFeed(), name="feed-rss"),
    path("feed/atom/", feeds.LatestItemsAtomFeed(), name="feed-atom"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("sections/<slug:slug>/feed/rss/", feeds.SectionFeed(), name="section-feed-rss"),
    path("sections/<slug:slug>/feed/atom/", feeds.SectionAtomFeed(), name="section-feed-atom"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("topics/<slug:slug>/feed/rss/", feeds.TopicFeed(), name="topic-feed-rss"),
    path("topics/<slug:slug>/feed/atom/", feeds.TopicAtomFeed(), name="topic-feed-atom"),
    path(
        "<int:number>/commentary/confirm/",
        commentary_views.commentary_confirm,
        name="commentary-confirm",
    ),
    path("<int:number>/<slug:slug>/", views.article_detail, name="detail"),
    path("<int:number>/", views.article_short_link, name="short-link"),
]
