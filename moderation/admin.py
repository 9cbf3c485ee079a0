"""Moderators extend the screening lists here; reports, queue items and appeals are read-only
records (they change through the queue, so the log stays whole)."""

from django.contrib import admin

from .models import Appeal, Report, ReviewItem, ScreeningTerm


@admin.register(ScreeningTerm)
class ScreeningTermAdmin(admin.ModelAdmin):
    list_display = ["phrase", "kind", "active", "added_by", "created_at"]
    list_filter = ["kind", "active"]
    search_fields = ["phrase", "note"]
    readonly_fields = ["added_by", "created_at"]
    fields = ["kind", "phrase", "active", "note", "added_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)


class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(_ReadOnly):
    list_display = ["pk", "target_key", "reason", "reporter", "created_at", "resolved_at"]
    list_filter = ["reason", "target_kind"]


@admin.register(ReviewItem)
class ReviewItemAdmin(_ReadOnly):
    list_display = ["pk", "kind", "target_key", "risk", "created_at", "closed_at", "outcome"]
    list_filter = ["kind", "outcome"]


@admin.register(Appeal)
class AppealAdmin(_ReadOnly):
    list_display = ["pk", "action", "appellant", "created_at", "decided_at", "outcome"]
