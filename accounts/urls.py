from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("members/<str:handle>/", views.profile, name="profile"),
]
