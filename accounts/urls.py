from django.urls import path, register_converter

from . import views
from .validators import HANDLE_MAX_LENGTH


class HandleConverter:
    """A path segment that could be a handle: no NUL or control characters, not over-long.
    Anything else is a 404 before the database sees it (PostgreSQL refuses NUL bytes)."""

    regex = rf"[^/\x00-\x1f\x7f]{{1,{HANDLE_MAX_LENGTH}}}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(HandleConverter, "handle")

app_name = "accounts"

urlpatterns = [
    path("members/<handle:handle>/", views.profile, name="profile"),
    path("accounts/settings/", views.account_settings, name="settings"),
    path("accounts/profile/", views.profile_edit, name="profile-edit"),
    path("accounts/clinician/", views.clinician_apply, name="clinician-apply"),
    path("accounts/export/", views.export, name="export"),
    path("accounts/delete/", views.delete_account, name="delete"),
    path("accounts/deleted/", views.account_deleted, name="deleted"),
    path(
        "accounts/warnings/<int:pk>/acknowledge/",
        views.acknowledge_warning,
        name="acknowledge-warning",
    ),
]
