from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("members/<str:handle>/", views.profile, name="profile"),
    path("accounts/settings/", views.account_settings, name="settings"),
    path("accounts/profile/", views.profile_edit, name="profile-edit"),
    path("accounts/clinician/", views.clinician_apply, name="clinician-apply"),
    path("accounts/export/", views.export, name="export"),
    path("accounts/delete/", views.delete_account, name="delete"),
]
