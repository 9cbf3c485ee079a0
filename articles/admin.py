from .ask_doctor import admin as ask_doctor_admin  # noqa: F401, I001  (registers its models)

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from accounts.permissions import is_verified_clinician

from . import publishing, review
from .pipeline import quality
from .models import (
    Article,
    ArticleStatus,
    Correction,
    FAQItem,
    GateOverride,
    KeyTakeaway,
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
APPROVE = "approve"
ACTION_LABELS = {
    KEEP: "Keep the current status",
    REVIEW: "Send for review",
    APPROVE: "Approve for publication (as the second editor)",
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
        actions += [APPROVE, SCHEDULE, PUBLISH]
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
            "last_reviewed_on",
            "last_reviewed_by",
            "next_review_due",
            "superseded_by",
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

    def clean_commentator(self):
        commentator = self.cleaned_data.get("commentator")
        if commentator is not None and not is_verified_clinician(commentator):
            raise forms.ValidationError(
                "Link the commentary to a verified clinician's account (or to none: the item "
                "page then says the commentary is not confirmed by a verified clinician)."
            )
        return commentator

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
        superseded_by = data.get("superseded_by")
        if superseded_by and self.instance.pk and superseded_by.pk == self.instance.pk:
            self.add_error("superseded_by", "An item cannot be superseded by itself.")
        reviewed, due = data.get("last_reviewed_on"), data.get("next_review_due")
        if reviewed and reviewed > timezone.localdate():
            self.add_error("last_reviewed_on", "A review date cannot be in the future.")
        if reviewed and due and due <= reviewed:
            self.add_error("next_review_due", "The next review must come after the last one.")
        if reviewed and not (data.get("last_reviewed_by") or "").strip():
            self.add_error("last_reviewed_by", "Name the clinician who reviewed it.")
        try:
            data["override_reason"] = publishing.clean_reason(data.get("override_reason", ""))
        except publishing.PublishError as error:
            self.add_error("override_reason", str(error))
        return data


# Stacked, not tabular: Django's tabular inlines leave their inputs without labels and their
# scrolling wrapper out of keyboard reach (axe: serious), and overflow a phone.
class KeyTakeawayInline(admin.StackedInline):
    model = KeyTakeaway
    extra = 1
    fields = ["position", "text"]


class FAQItemInline(admin.StackedInline):
    model = FAQItem
    extra = 0
    fields = ["position", "question", "answer"]


class ReferenceInline(admin.StackedInline):
    model = Reference
    extra = 0
    fields = ["position", "title", "url", "publisher"]


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ["note"]

    def clean_note(self):
        # the service's own rules, shown next to the field rather than as a failed save
        try:
            return publishing.clean_reason(self.cleaned_data["note"], what="The correction")
        except publishing.PublishError as error:
            raise forms.ValidationError(str(error)) from error


class CorrectionInline(admin.StackedInline):
    """The public corrections log: add a note; notes already published are not edited. A new
    note goes through publishing.add_correction, which tells the item's followers and askers."""

    model = Correction
    form = CorrectionForm
    extra = 0
    fields = ["note", "created_at", "created_by"]
    readonly_fields = ["created_at", "created_by"]
    verbose_name = "public correction"

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.StackedInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


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


class ReviewFilter(admin.SimpleListFilter):
    """Published items by where they stand in their clinician review cycle."""

    title = "clinician review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", "Overdue (or never reviewed)"),
            ("soon", "Due in the next 30 days"),
            ("current", "Up to date"),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        public = queryset.filter(pk__in=Article.objects.public().values("pk"))
        if self.value() == "overdue":
            return public.filter(pk__in=Article.objects.review_overdue(today).values("pk"))
        if self.value() == "soon":
            soon = today + datetime.timedelta(days=30)
            return public.filter(next_review_due__gte=today, next_review_due__lte=soon)
        if self.value() == "current":
            return public.filter(next_review_due__gte=today)
        return queryset


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = [
        "number",
        "title",
        "section",
        "status",
        "published_at",
        "next_review_due",
        "blocking_findings",
    ]
    list_display_links = ["number", "title"]
    list_filter = [ReviewFilter, "status", "section", "topics"]
    search_fields = ["title", "external_id", "=number"]
    list_select_related = ["section"]
    raw_id_fields = ["commentator", "superseded_by"]

    class Media:
        css = {"all": ["css/admin-gate.css"]}

    # No filter_horizontal for topics: its widget's tooltip carries ARIA that axe refuses
    # (serious); the plain multiple select is labelled and fits a phone.
    readonly_fields = [
        "gate_panel",
        "status",
        "published_at",
        "preview_link",
        "editorial_review",
        "external_id",
        "created_at",
        "updated_at",
    ]
    inlines = [
        KeyTakeawayInline,
        FAQItemInline,
        ReferenceInline,
        CorrectionInline,
        RevisionInline,
        GateOverrideInline,
    ]
    fieldsets = [
        ("Quality gate", {"fields": ["gate_panel"], "classes": ["gate"]}),
        (
            "Workflow",
            {
                "fields": [
                    ("status", "published_at"),
                    "preview_link",
                    "editorial_review",
                    "workflow",
                    "publish_at",
                    "override_reason",
                    "retraction_note",
                ]
            },
        ),
        ("Item", {"fields": ["number", "section", "title", "slug", "dek", "topics"]}),
        (
            "Clinician review",
            {
                "fields": [
                    ("last_reviewed_on", "last_reviewed_by"),
                    "next_review_due",
                    "superseded_by",
                ],
                "description": "Readers see “Reviewed <date> by <clinician>”. The next review "
                "defaults to the section's interval after the last one.",
            },
        ),
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

    @admin.display(description="Findings")
    def gate_panel(self, obj):
        if not obj.pk:
            return "The quality gate checks the item when you save it."
        findings = list(obj.findings.all())
        blocking = sum(1 for finding in findings if finding.blocking)
        if not findings:
            summary = format_html('<p class="gate-summary">{}</p>', "No problems found.")
        elif blocking:
            summary = format_html(
                '<p class="gate-summary">{} {} publishing. Fix {} and save, or give a written '
                "reason to publish anyway (needs the override permission).</p>",
                blocking,
                "problem blocks" if blocking == 1 else "problems block",
                "it" if blocking == 1 else "them",
            )
        else:
            summary = format_html('<p class="gate-summary">{}</p>', "Nothing blocks publishing.")
        items = format_html_join("", "{}", ((self._finding_html(f),) for f in findings))
        return (
            format_html('{}<ul class="gate-findings">{}</ul>', summary, items)
            if findings
            else summary
        )

    @staticmethod
    def _finding_html(finding):
        where = quality.field_label(finding.field)
        if finding.blocking:
            return format_html(
                '<li class="gate-finding gate-blocking"><span class="gate-tag">Blocks publishing'
                '</span>{} — in <span class="gate-field">{}</span>: <q>{}</q>{}</li>',
                finding.get_kind_display(),
                where,
                finding.excerpt or "(empty)",
                format_html(' <span class="gate-note-text">{}</span>', finding.note)
                if finding.note
                else "",
            )
        if finding.repair:
            return format_html(
                '<li class="gate-finding gate-repaired"><span class="gate-tag">Repaired</span>'
                '{} — in <span class="gate-field">{}</span>: <q>{}</q> now reads <q>{}</q></li>',
                finding.get_kind_display(),
                where,
                finding.excerpt,
                finding.repair,
            )
        return format_html(
            '<li class="gate-finding gate-note"><span class="gate-tag">Note</span>{} — in '
            '<span class="gate-field">{}</span>: <q>{}</q></li>',
            finding.get_kind_display(),
            where,
            finding.excerpt,
        )

    def changelist_view(self, request, extra_context=None):
        overdue = Article.objects.review_overdue().count()
        query = f"?{ReviewFilter.parameter_name}=overdue"
        extra = {
            "review_overdue_count": overdue,
            "review_overdue_url": reverse("admin:articles_article_changelist") + query,
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def message_user(self, request, message, *args, **kwargs):
        # The workflow step has said what happened to the item; Django's generic "was changed
        # successfully" beside a refused publish would contradict it.
        if getattr(request, "_workflow_said", False):
            return
        super().message_user(request, message, *args, **kwargs)

    @admin.display(description="Blocking findings", ordering="blocking_count")
    def blocking_findings(self, obj):
        return obj.blocking_count

    @admin.display(description="Preview")
    def preview_link(self, obj):
        if not obj.pk:
            return "Save the item to preview it."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Open the item as readers will see it</a>',
            self.view_on_site(obj),
        )

    @admin.display(description="Second pair of eyes")
    def editorial_review(self, obj):
        if not obj.pk:
            return "Save the item first; another editor then approves it."
        approval = review.current_approval(obj)
        if approval is not None:
            editor = approval.editor.display_handle if approval.editor else "a former editor"
            lines = [f"Approved by {editor} on {approval.approved_at:%Y-%m-%d %H:%M}."]
        elif not review.second_editor_required():
            lines = ["No second editor needed (one-person newsroom setting); it is logged."]
        else:
            lines = ["Waiting for a second editor: the last change's author cannot approve it."]
        if obj.commentary.strip() and obj.commentator_id is None:
            lines.append("Commentary not linked to a clinician's account: labelled so on the page.")
        elif obj.commentary.strip() and obj.commentary_confirmed:
            lines.append("Commentary confirmed by its clinician.")
        elif obj.commentary.strip():
            url = review.confirmation_path(obj)
            return format_html(
                '{} Commentary waiting for its clinician: send them <a href="{}">{}</a>.',
                " ".join(lines),
                url,
                url,
            )
        return " ".join(lines)

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
            if isinstance(instance, Correction) and instance._state.adding:
                # the service records it and tells the item's followers and askers
                publishing.add_correction(
                    article=form.instance, user=request.user, note=instance.note
                )
                continue
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
            elif action == APPROVE:
                review.approve(article=article, editor=request.user)
            elif action == PUBLISH:
                publishing.publish(article=article, user=request.user, override_reason=reason)
            elif action == RETRACT:
                publishing.retract(
                    article=article, user=request.user, note=form.cleaned_data["retraction_note"]
                )
        except publishing.GateBlocked as blocked:
            self._say(request, messages.ERROR, self._blocked_message(request, blocked, article))
        except (publishing.PublishError, review.ReviewError, PermissionDenied) as error:
            reason = str(error) or "You are not allowed to take that step."
            self._say(request, messages.ERROR, f"Saved, but not moved on: {reason}")
        else:
            if action != KEEP:
                self._say(request, messages.SUCCESS, f"Saved. {ACTION_LABELS[action]}: done.")
            elif result.blocking:
                count = len(result.blocking)
                self._say(
                    request,
                    messages.WARNING,
                    f"Saved. The quality gate found {count} "
                    f"{'problem that blocks' if count == 1 else 'problems that block'} "
                    "publishing: see the Quality gate panel.",
                )
        form.instance.refresh_from_db()

    @staticmethod
    def _say(request, level, message):
        messages.add_message(request, level, message)
        request._workflow_said = True

    def _blocked_message(self, request, blocked, article):
        count = len(blocked.findings)
        hint = (
            "Fix them and save again, or write a reason in the override box to publish anyway."
            if can_override_gate(request.user)
            else "Fix them and save again, or ask an editor with the override permission."
        )
        return (
            f"Saved as {article.get_status_display().lower()}, not published: the quality gate "
            f"found {count} {'problem that blocks' if count == 1 else 'problems that block'} "
            "publishing "
            f"(listed in the Quality gate panel). {hint}"
        )

    def has_delete_permission(self, request, obj=None):
        # Published items are retracted, never deleted: links and the forum thread depend on them.
        if obj is not None and obj.status != ArticleStatus.DRAFT:
            return False
        return super().has_delete_permission(request, obj)

    def view_on_site(self, obj):
        # A change form shown again with errors carries the typed (perhaps empty) slug: any
        # slug reaches the item, whose page redirects to its real address.
        return reverse("articles:detail", kwargs={"number": obj.number, "slug": obj.slug or "item"})


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "review_interval_months"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
