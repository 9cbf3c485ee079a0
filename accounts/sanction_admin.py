"""The Sanction admin: sanctions are given and lifted through accounts.sanctions (which keeps
the member's row in step), never edited or deleted."""

from django import forms
from django.contrib import admin
from django.utils import timezone

from . import sanctions
from .models import Sanction, SanctionKind


class SanctionAddForm(forms.ModelForm):
    class Meta:
        model = Sanction
        fields = ["member", "kind", "reason", "ends_at"]

    moderator = None  # set per request by SanctionAdmin.get_form

    def clean(self):
        cleaned = super().clean()
        kind, ends_at = cleaned.get("kind"), cleaned.get("ends_at")
        member = cleaned.get("member")
        if member is not None and self.moderator is not None and member.pk == self.moderator.pk:
            self.add_error("member", "You cannot sanction your own account.")
        if kind == SanctionKind.SUSPENSION and not ends_at:
            self.add_error("ends_at", "A suspension needs its end.")
        elif kind == SanctionKind.SUSPENSION and ends_at <= timezone.now():
            self.add_error("ends_at", "A suspension must end in the future.")
        if kind != SanctionKind.SUSPENSION and ends_at:
            self.add_error("ends_at", "Only suspensions end on a date; leave this empty.")
        return cleaned


class SanctionLiftForm(forms.ModelForm):
    lift = forms.BooleanField(required=False, label="Lift this sanction now")

    class Meta:
        model = Sanction
        fields = ["lift_reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("lift") and not cleaned.get("lift_reason", "").strip():
            self.add_error("lift_reason", "Write why it is lifted: it goes in the history.")
        return cleaned


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    """Sanctions go through accounts.sanctions (the member's row is kept in step); an existing
    one can only be lifted, never edited or deleted."""

    list_display = ["member", "kind", "created_at", "ends_at", "created_by", "lifted_at"]
    list_filter = ["kind", ("lifted_at", admin.EmptyFieldListFilter)]
    list_select_related = ["member", "created_by"]
    search_fields = ["member__handle", "member__email"]
    raw_id_fields = ["member"]
    readonly_fields = [
        "member",
        "kind",
        "reason",
        "ends_at",
        "created_by",
        "created_at",
        "acknowledged_at",
        "lifted_at",
        "lifted_by",
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = SanctionLiftForm if obj is not None else SanctionAddForm
        form_class = super().get_form(request, obj, change=change, **kwargs)
        form_class.moderator = request.user
        return form_class

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = list(self.readonly_fields)
        return [*readonly, "lift_reason"] if obj.is_lifted else readonly

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["member", "kind", "reason", "ends_at"]
        editable = [] if obj.is_lifted else ["lift"]
        return [*self.readonly_fields, *editable, "lift_reason"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # The forms have checked what the verbs would refuse (own account, past end, no reason).
        data = form.cleaned_data
        if change:
            if data.get("lift"):
                sanctions.lift(obj, moderator=request.user, reason=data["lift_reason"])
            return
        member, reason = data["member"], data["reason"]
        if data["kind"] == SanctionKind.WARNING:
            made = sanctions.warn(member, moderator=request.user, reason=reason)
        elif data["kind"] == SanctionKind.BAN:
            made = sanctions.ban(member, moderator=request.user, reason=reason)
        else:
            made = sanctions.suspend(
                member, moderator=request.user, reason=reason, until=data["ends_at"]
            )
        obj.pk, obj.created_at = made.pk, made.created_at
