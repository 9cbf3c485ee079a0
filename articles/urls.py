from django.urls import path

from . import ask_doctor_urls, views

app_name = "articles"

urlpatterns = [
    # First: "<number>/ask/" would otherwise match the detail pattern (slug "ask") and redirect.
    *ask_doctor_urls.urlpatterns,
    path("", views.article_index, name="index"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("<int:number>/<slug:slug>/", views.article_detail, name="detail"),
]
