from django.urls import path

from . import ask_doctor_urls, views

app_name = "articles"

urlpatterns = [
    path("", views.article_index, name="index"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("<int:number>/<slug:slug>/", views.article_detail, name="detail"),
    *ask_doctor_urls.urlpatterns,
]
