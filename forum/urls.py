from django.urls import path

from . import feeds, views

app_name = "forum"

urlpatterns = [
    path("", views.forum_index, name="index"),
    path("new/", views.thread_new, name="thread-new"),
    path("preview/", views.preview, name="preview"),
    path("following/", views.following, name="following"),
    path("moderation/", views.moderation_log, name="moderation-log"),
    path("c/<slug:slug>/", views.category_detail, name="category"),
    path("c/<slug:slug>/follow/", views.category_follow, name="category-follow"),
    path("c/<slug:slug>/feed/rss/", feeds.CategoryFeed(), name="category-feed-rss"),
    path("c/<slug:slug>/feed/atom/", feeds.CategoryAtomFeed(), name="category-feed-atom"),
    path("threads/<int:pk>/reply/", views.thread_reply, name="thread-reply"),
    path("threads/<int:pk>/unread/", views.thread_unread, name="thread-unread"),
    path("threads/<int:pk>/follow/", views.thread_follow, name="thread-follow"),
    path("threads/<int:pk>/pin/", views.thread_pin, name="thread-pin"),
    path("threads/<int:pk>/lock/", views.thread_lock, name="thread-lock"),
    path("threads/<int:pk>/move/", views.thread_move, name="thread-move"),
    path("threads/<int:pk>/feed/rss/", feeds.ThreadFeed(), name="thread-feed-rss"),
    path("threads/<int:pk>/feed/atom/", feeds.ThreadAtomFeed(), name="thread-feed-atom"),
    # Its own prefix: a title could slugify to "reply" or "follow".
    path("t/<int:pk>/<slug:slug>/", views.thread_detail, name="thread"),
    path("posts/<int:pk>/", views.post_permalink, name="post"),
    path("posts/<int:pk>/continue/", views.post_continue, name="continue"),
    path("posts/<int:pk>/reply/", views.post_reply, name="post-reply"),
    path("posts/<int:pk>/edit/", views.post_edit, name="post-edit"),
    path("posts/<int:pk>/remove/", views.post_remove, name="post-remove"),
    path("posts/<int:pk>/react/<str:kind>/", views.post_react, name="post-react"),
    path("posts/<int:pk>/moderate/", views.post_hide, name="post-hide"),
    path("posts/<int:pk>/history/", views.post_history, name="post-history"),
    path("posts/<int:pk>/approve/", views.post_approve, name="post-approve"),
    # An item's discussion: created on first visit (or when the item is published).
    path("items/<int:number>/", views.article_thread, name="article-thread"),
]
