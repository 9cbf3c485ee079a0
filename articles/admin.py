from .ask_doctor import admin as ask_doctor_admin  # noqa: F401, I001  (registers its models)

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from . import publishing
from .pipeline import quality
from .models import (
    Article,
    ArticleStatus,
    Correction,
    FAQItem,
    GateOverride,
    KeyTakeaway,
    QualityFinding,
    Reference,
    Revision,
    Section,
    Topic,
)
from .permissions import can_edit, can_override_gate, can_publish

KEEP = ""
REVIEW = "review"
DRAFT = "draft"
SCHEDULE = "schedule"
PUBLISH = "publish"
RETRACT = "retract"
ACTION_LABELS = {
    KEEP: "Keep the current status",
    REVIEW: "Send for review",
    DRAFT: "Return to draft",
    SCHEDULE: "Schedule (publishes itself at the time below)",
    PUBLISH: "Publish now",
    RETRACT: "Retract (stays readable, with the retraction notice)",
}


def actions_for(user, status: str | None) -> list[str]:
    """The workflow steps this user may take from this status."""
    actions = [KEEP]
    editor = can_edit(user)
    publisher = can_publish(user)
    if status in (None, ArticleStatus.DRAFT) and editor:
        actions.append(REVIEW)
    if status in (ArticleStatus.IN_REVIEW,) and editor:
        actions.append(DRAFT)
    if status == ArticleStatus.SCHEDULED and publisher:
        actions.append(DRAFT)
    unpublished = (None, ArticleStatus.DRAFT, ArticleStatus.IN_REVIEW, ArticleStatus.SCHEDULED)
    if status in unpublished and publisher:
        actions += [SCHEDULE, PUBLISH]
    if status in (ArticleStatus.PUBLISHED, ArticleStatus.SCHEDULED) and publisher:
        actions.append(RETRACT)
    return actions


class ArticleAdminForm(forms.ModelForm):
    workflow = forms.ChoiceField(
        label="Workflow step",
        required=False,
        help_text="Applied after saving, once the quality gate has checked the item.",
    )
    override_reason = forms.CharField(
        label="Reason to publish despite blocking findings",
        required=False,
        max_length=publishing.MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only for editors with the override permission. Logged with your name.",
    )

    class Meta:
        model = Article
        fields = [
            "number",
            "section",
            "title",
            "slug",
            "dek",
            "topics",
            "summary",
            "commentary",
            "commentator",
            "commentator_name",
            "commentator_credentials",
            "commentator_photo_url",
            "body",
            "image_url",
            "image_alt",
            "image_credit",
            "evidence_design",
            "evidence_size",
            "evidence_peer_reviewed",
            "evidence_population",
            "source_publisher",
            "source_url",
            "source_published_at",
            "provenance_method",
            "publish_at",
            "retraction_note",
        ]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.instance.status if self.instance.pk else None
        self.fields["workflow"].choices = [
            (action, ACTION_LABELS[action]) for action in actions_for(user, status)
        ]
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = (
                "Part of the address. Change it freely: old addresses redirect permanently."
            )

    def clean(self):
        data = super().clean()
        action = data.get("workflow")
        if action == SCHEDULE:
            when = data.get("publish_at")
            if not when:
                self.add_error("publish_at", "Give the time the item should publish itself.")
            elif when <= timezone.now():
                self.add_error("publish_at", "Choose a time in the future, or publish now.")
        if action == RETRACT and not (data.get("retraction_note") or "").strip():
            self.add_error("retraction_note", "Write the notice readers will see on the item.")
        try:
            data["override_reason"] = publishing.clean_reason(data.get("override_reason", ""))
        except publishing.PublishError as error:
            self.add_error("override_reason", str(error))
        return data


class KeyTakeawayInline(admin.TabularInline):
    model = KeyTakeaway
    extra = 1
    fields = ["position", "text"]


class FAQItemInline(admin.StackedInline):
    model = FAQItem
    extra = 0
    fields = ["position", "question", "answer"]


class ReferenceInline(admin.TabularInline):
    model = Reference
    extra = 0
    fields = ["position", "title", "url", "publisher"]


class CorrectionInline(admin.StackedInline):
    """The public corrections log: add a note; notes already published are not edited."""

    model = Correction
    extra = 0
    fields = ["note", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    verbose_name = "public correction"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class QualityFindingInline(ReadOnlyInline):
    model = QualityFinding
    fields = ["blocking", "kind", "field", "excerpt", "repair"]
    readonly_fields = fields
    verbose_name = "quality finding"
    verbose_name_plural = "Quality gate findings (as of the last save)"


class RevisionInline(ReadOnlyInline):
    model = Revision
    fields = ["created_at", "author", "status", "message", "changed_fields"]
    readonly_fields = fields
    verbose_name_plural = "Revisions: who changed what"


class GateOverrideInline(ReadOnlyInline):
    model = GateOverride
    fields = ["created_at", "editor", "reason", "findings"]
    readonly_fields = fields
    verbose_name_plural = "Quality gate overrides"


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["number", "title", "section", "status", "published_at", "blocking_findings"]
    list_display_links = ["number", "title"]
    list_filter = ["status", "section", "topics"]
    search_fields = ["title", "external_id", "=number"]
    list_select_related = ["section"]
    raw_id_fields = ["commentator"]
    filter_horizontal = ["topics"]
    readonly_fields = [
        "status",
        "published_at",
        "preview_link",
        "external_id",
        "created_at",
        "updated_at",
    ]
    inlines = [
        QualityFindingInline,
        KeyTakeawayInline,
        FAQItemInline,
        ReferenceInline,
        CorrectionInline,
        RevisionInline,
        GateOverrideInline,
    ]
    fieldsets = [
        (
            "Workflow",
            {
                "fields": [
                    ("status", "published_at"),
                    "preview_link",
                    "workflow",
                    "publish_at",
                    "override_reason",
                    "retraction_note",
                ]
            },
        ),
        ("Item", {"fields": ["number", "section", "title", "slug", "dek", "topics"]}),
        ("What was found", {"fields": ["summary"]}),
        (
            "Clinician's commentary",
            {
                "fields": [
                    "commentary",
                    "commentator",
                    "commentator_name",
                    "commentator_credentials",
                    "commentator_photo_url",
                ]
            },
        ),
        ("Long form", {"fields": ["body"]}),
        ("Image", {"fields": ["image_url", "image_alt", "image_credit"]}),
        (
            "Evidence label",
            {
                "fields": [
                    "evidence_design",
                    "evidence_size",
                    "evidence_peer_reviewed",
                    "evidence_population",
                ]
            },
        ),
        (
            "Original source and provenance",
            {
                "fields": [
                    "source_publisher",
                    "source_url",
                    "source_published_at",
                    "provenance_method",
                    "external_id",
                    ("created_at", "updated_at"),
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(blocking_count=Count("findings", filter=Q(findings__blocking=True)))
        )

    @admin.display(description="Blocking findings", ordering="blocking_count")
    def blocking_findings(self, obj):
        return obj.blocking_count

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the item to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Open the item as readers will see it</a>',
            obj.get_absolute_url(),
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class RequestForm(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, user=request.user, **inner)

        return RequestForm

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        top = Article.objects.aggregate(top=Max("number"))["top"] or 0
        initial.setdefault("number", top + 1)
        return initial

    def save_formset(self, request, form, formset, change):
        instances = formset.save(commit=False)
        for instance in instances:
            if isinstance(instance, Correction) and not instance.created_by_id:
                instance.created_by = request.user
            instance.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        changed = list(form.changed_data)
        for formset in formsets:
            if formset.has_changed():
                changed.append(formset.model._meta.verbose_name_plural.lower())
        changed = [name for name in changed if name not in ("workflow", "override_reason")]
        if changed or not change:
            Revision.objects.create(
                article=article,
                author=request.user,
                status=article.status,
                message="Created in the admin" if not change else "Edited in the admin",
                changed_fields=changed,
            )
        result = quality.gate_article(article=article)
        self._apply_workflow(request, form, article, result)

    def _apply_workflow(self, request, form, article, result):
        action = form.cleaned_data.get("workflow") or KEEP
        reason = form.cleaned_data.get("override_reason", "")
        try:
            if action == REVIEW:
                publishing.submit_for_review(article=article, user=request.user)
            elif action == DRAFT:
                publishing.return_to_draft(article=article, user=request.user)
            elif action == SCHEDULE:
                publishing.schedule(
                    article=article,
                    user=request.user,
                    publish_at=form.cleaned_data["publish_at"],
                    override_reason=reason,
                )
            elif action == PUBLISH:
                publishing.publish(article=article, user=request.user, override_reason=reason)
            elif action == RETRACT:
                publishing.retract(
                    article=article, user=request.user, note=form.cleaned_data["retraction_note"]
                )
        except publishing.GateBlocked as blocked:
            messages.error(request, self._blocked_message(request, blocked))
        except (publishing.PublishError, PermissionDenied) as error:
            messages.error(request, str(error) or "You are not allowed to take that step.")
        else:
            if action != KEEP:
                messages.success(request, f"{ACTION_LABELS[action]}: done.")
            elif result.blocking:
                messages.warning(
                    request,
                    f"Saved. The quality gate found {len(result.blocking)} blocking problem(s): "
                    "see the findings below.",
                )
        form.instance.refresh_from_db()

    def _blocked_message(self, request, blocked):
        items = format_html_join(
            "", "<li>{} in {}: “{}”</li>", ((f.kind, f.field, f.excerpt) for f in blocked.findings)
        )
        hint = (
            "Give a written reason in the override box to publish anyway."
            if can_override_gate(request.user)
            else "Ask an editor with the override permission if it must go out as it is."
        )
        return format_html("Not published. {} {}<ul>{}</ul>", blocked, hint, items)

    def has_delete_permission(self, request, obj=None):
        # Published items are retracted, never deleted: links and the forum thread depend on them.
        if obj is not None and obj.status != ArticleStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def view_on_site(self, obj):
        return reverse("articles:detail", kwargs={"number": obj.number, "slug": obj.slug})


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
