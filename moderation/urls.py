from django.urls import path

from . import review_views, views

app_name = "moderation"

urlpatterns = [
    # The "Report" link on every post is /moderation/report/post/<id>/, built without a reverse.
    path("report/<str:kind>/<int:pk>/", views.report, name="report"),
    path("mine/", views.my_reports, name="my-reports"),
    path("removals/<int:pk>/", views.removal, name="removal"),
    path("appeals/<int:pk>/", views.appeal, name="appeal"),
    path("queue/", review_views.queue, name="queue"),
    path("queue/<int:pk>/", review_views.item, name="item"),
    path("queue/<int:pk>/<str:action>/", review_views.act, name="act"),
    path("log/", review_views.log, name="log"),
]
