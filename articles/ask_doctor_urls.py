"""Ask-the-doctor URLs, included by articles/urls.py under the names articles:ask-doctor-*."""

from django.urls import path

from . import ask_doctor_views as views

urlpatterns = [
    path("ask/", views.ask_doctor_home, name="ask-doctor-home"),
    path("<int:number>/ask/", views.ask_doctor_ask, name="ask-doctor-ask"),
]
