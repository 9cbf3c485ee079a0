"""Staff set up categories here. Posting and moderation happen on the site, where they are
checked and logged; the admin only shows the log."""

from django.contrib import admin

from .models import Category, ModerationAction


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "clinicians_only", "thread_count", "post_count"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "description", "position", "clinicians_only",
              "members_can_start_threads"]  # fmt: skip


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "thread", "post", "reason"]
    list_filter = ["action"]
    list_select_related = ["actor", "thread", "post"]
    raw_id_fields = ["actor", "thread", "post", "target_user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
