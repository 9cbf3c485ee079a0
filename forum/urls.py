from django.urls import path

from . import views

app_name = "forum"

urlpatterns = [
    path("", views.forum_index, name="index"),
    # An item's discussion: created on first visit (or when the item is published).
    path("items/<int:number>/", views.article_thread, name="article-thread"),
]
