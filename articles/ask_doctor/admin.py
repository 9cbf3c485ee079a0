"""Django admin for ask-the-doctor: every question for staff, and the access log.

Opening a private question here needs `articles.view_private_doctorquestion` and writes an
access record, like opening it on the site. The list never shows question text.
"""

from django.contrib import admin

from ..models import DoctorQuestion, QuestionAccessLog
from .permissions import can_view_private_questions
from .queue import record_access


@admin.register(DoctorQuestion)
class DoctorQuestionAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "item_title",
        "status",
        "visibility",
        "urgent",
        "asked_at",
        "claimed_by",
        "faq_state",
    ]
    list_filter = ["status", "visibility", "urgent", "faq_state"]
    list_select_related = ["article", "claimed_by"]
    search_fields = ["public_id", "=article__number"]
    date_hierarchy = "asked_at"
    # Status, claim and text change only through the queue's services, never by hand here.
    # "Urgent" is set on the question's own page (a checkbox in the list has no label).
    fields = [
        "public_id",
        "article",
        "asker",
        "status",
        "visibility",
        "show_handle",
        "urgent",
        "body",
        "age_range",
        "conditions",
        "medicines",
        "claimed_by",
        "claimed_at",
        "asked_at",
        "answered_at",
        "decline_reason",
        "decline_care",
        "faq_state",
        "faq_item",
    ]
    readonly_fields = [f for f in fields if f != "urgent"]

    @admin.display(description="item", ordering="article__number")
    def item_title(self, question):
        return f"#{question.article.number} {question.article.title}"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if allowed and obj is not None and obj.is_private:
            return can_view_private_questions(request.user)
        return allowed

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.is_private:
            return can_view_private_questions(request.user)
        return allowed

    def change_view(self, request, object_id, form_url="", extra_context=None):
        question = self.get_object(request, object_id)
        if question is not None and self.has_view_permission(request, question):
            record_access(question=question, viewer=request.user, where="admin")
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(QuestionAccessLog)
class QuestionAccessLogAdmin(admin.ModelAdmin):
    list_display = ["accessed_at", "viewer_email", "question", "where"]
    list_filter = ["where"]
    list_select_related = ["question__article"]
    search_fields = ["viewer_email", "question__public_id"]
    date_hierarchy = "accessed_at"
    readonly_fields = ["question", "viewer", "viewer_email", "where", "accessed_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
