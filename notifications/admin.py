from django.contrib import admin, messages

from . import outbox
from .models import Notification, OutboundEmail, OutboundStatus


class UnsentFilter(admin.SimpleListFilter):
    title = "needs attention"
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return [("yes", "Pending, retrying or failed")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(status=OutboundStatus.SENT)
        return queryset


@admin.register(OutboundEmail)
class OutboundEmailAdmin(admin.ModelAdmin):
    """The outbox: staff see what is waiting or failed, and can send it again."""

    list_display = ["pk", "subject", "status", "attempts", "next_attempt_at", "created_at"]
    list_filter = [UnsentFilter, "status"]
    search_fields = ["idempotency_key"]
    date_hierarchy = "created_at"
    actions = ["resend"]
    # The body is never shown: an unsent verification or password-reset link is a key to an
    # account. Staff see who, what about, and how delivery is going.
    fields = readonly_fields = [
        "idempotency_key", "status", "from_email", "to", "cc", "bcc", "subject", "attempts",
        "next_attempt_at", "lease_expires_at", "last_error", "created_at", "sent_at",
    ]  # fmt: skip

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send the selected unsent emails again", permissions=["resend"])
    def resend(self, request, queryset):
        count = outbox.resend(email_ids=list(queryset.values_list("pk", flat=True)))
        skipped = queryset.count() - count
        self.message_user(request, f"{count} email(s) queued to send again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"{skipped} left alone: already sent, or a worker is sending them now.",
                messages.WARNING,
            )

    def has_resend_permission(self, request):
        return request.user.has_perm("notifications.resend_outboundemail")


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "recipient", "created_at", "read_at", "email_state"]
    list_filter = ["kind", "email_state"]
    raw_id_fields = ["recipient", "actor"]
    list_select_related = ["recipient"]

    def has_change_permission(self, request, obj=None):
        return False
