from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from . import sanction_admin, verification  # noqa: F401 (registers the Sanction admin)
from .handles import handle_key
from .models import ClinicianProfile, User, VerificationStatus
from .permissions import can_review_clinicians
from .validators import validate_handle_shape, validate_plain_text


class _HandleCheck:
    """Staff may give reserved handles (an official account), but never a malformed one or a
    look-alike of another member's (the unique key would otherwise fail with an error page)."""

    def clean_handle(self):
        handle = self.cleaned_data["handle"]
        validate_handle_shape(handle)
        taken = User.objects.filter(handle_key=handle_key(handle)).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError("That handle, or one that looks just like it, is taken.")
        return handle


class AdminUserChangeForm(_HandleCheck, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"  # noqa: DJ007 (the fieldsets below choose what is shown)


class AdminUserAddForm(_HandleCheck, AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ["email", "handle"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AdminUserChangeForm
    add_form = AdminUserAddForm
    ordering = ["handle"]
    list_display = ["handle", "email", "role", "is_staff", "is_active", "date_joined"]
    list_filter = ["role", "is_staff", "is_active", "groups"]
    search_fields = ["handle", "email"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Public profile", {"fields": ["handle", "role", "about"]}),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined", "deleted_at"]}),
        ("Sanctions (change them under Sanctions)", {"fields": ["restricted_until"]}),
    ]
    readonly_fields = ["deleted_at", "restricted_until"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "handle", "password1", "password2"]}),
    ]
    filter_horizontal = ["groups"]


DECISIONS = {
    VerificationStatus.PENDING: [
        ("approve", "Approve: the licence checks out"),
        ("reject", "Reject (the applicant reads the reason)"),
    ],
    VerificationStatus.VERIFIED: [("revoke", "Revoke verification (the member reads the reason)")],
}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(widget=forms.RadioSelect)
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=2000,
        validators=[validate_plain_text],
        help_text="Required to reject or revoke; it is emailed to the applicant. Optional note "
        "when approving.",
    )

    def __init__(self, *args, status: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = DECISIONS.get(status, [])

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in {"reject", "revoke"}
            and not cleaned.get("reason", "").strip()
        ):
            self.add_error("reason", "Write the reason: the applicant will read it.")
        return cleaned


@admin.register(ClinicianProfile)
class ClinicianProfileAdmin(admin.ModelAdmin):
    list_display = [
        "full_name",
        "credentials",
        "member",
        "profession",
        "jurisdiction",
        "status",
        "applied_at",
        "review_link",
    ]
    list_filter = ["status", "profession"]
    list_select_related = ["user"]
    search_fields = ["full_name", "user__handle", "licence_number"]
    raw_id_fields = ["user"]
    fields = [
        "user",
        "full_name",
        "credentials",
        "profession",
        "specialty",
        "licence_number",
        "jurisdiction",
        "bio",
        "status",
        "applied_at",
        "reviewed_at",
        "reviewed_by",
        "review_reason",
        "review_link",
    ]
    # Decisions go through the review page (recorded, emailed, group kept in step), never a
    # bare edit of the status field.
    readonly_fields = [
        "user",
        "status",
        "applied_at",
        "reviewed_at",
        "reviewed_by",
        "review_reason",
        "review_link",
    ]

    @admin.display(description="Member", ordering="user__handle")
    def member(self, obj):
        return obj.user.display_handle

    @admin.display(description="Review")
    def review_link(self, obj):
        if obj.pk is None or obj.status not in DECISIONS:
            return "—"
        label = "Review application" if obj.status == VerificationStatus.PENDING else "Revoke…"
        url = reverse("admin:accounts_clinicianprofile_review", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, label)

    def has_add_permission(self, request):
        return False  # members apply from their account settings

    def get_urls(self):
        review = path(
            "<int:object_id>/review/",
            self.admin_site.admin_view(self.review_view),
            name="accounts_clinicianprofile_review",
        )
        return [review, *super().get_urls()]

    def review_view(self, request, object_id):
        if not can_review_clinicians(request.user):
            raise PermissionDenied
        profile = get_object_or_404(ClinicianProfile.objects.select_related("user"), pk=object_id)
        form = ReviewForm(request.POST or None, status=profile.status)
        if request.method == "POST" and form.is_valid():
            decide = getattr(verification, form.cleaned_data["decision"])
            try:
                decide(
                    profile_id=profile.pk,
                    reviewer=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except verification.VerificationError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, f"Recorded: {profile.full_name}. The applicant is being emailed."
                )
                return redirect("admin:accounts_clinicianprofile_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": f"Review {profile.full_name}",
            "opts": self.opts,
            "profile": profile,
            "form": form,
        }
        return TemplateResponse(request, "admin/accounts/clinicianprofile/review.html", context)
