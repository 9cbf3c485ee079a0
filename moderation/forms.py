"""Forms for reporting, acting and appealing. Bad text gets a message beside its field and
stays in the form; the forum's BodyField applies THE user-text validator and the length limit."""

from django import forms
from django.core.exceptions import ValidationError

from accounts.antispam import HoneypotMixin
from forum.forms import BodyField

from .models import APPEAL_MAX, DETAILS_MAX, REASON_MAX, AppealOutcome, ReportReason


class ReportForm(HoneypotMixin, forms.Form):
    reason = forms.ChoiceField(
        label="What is wrong?",
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the reason closest to what you saw."},
    )
    details = BodyField(
        label="Anything moderators should know (optional)",
        max_length=DETAILS_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Only moderators read this. Needed when you choose “Something else”.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("details"):
            self.add_error("details", "Tell us in a few words what is wrong.")
        return cleaned


def _reason_field() -> BodyField:
    return BodyField(
        label="Reason",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The member sees it, and it goes to the moderation log.",
    )


class ReasonForm(forms.Form):
    reason = _reason_field()


class OptionalReasonForm(forms.Form):
    reason = BodyField(
        label="Note for the log (optional)",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AppealForm(forms.Form):
    statement = BodyField(
        label="Why should a moderator look again?",
        max_length=APPEAL_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="A different moderator decides. You can appeal each decision once.",
    )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Decision", choices=AppealOutcome.choices, widget=forms.RadioSelect
    )
    reason = BodyField(
        label="Reason",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The member sees it.",
    )

    def clean_outcome(self):
        value = self.cleaned_data["outcome"]
        if value not in AppealOutcome.values:
            raise ValidationError("Choose to uphold or overturn.")
        return value


SUSPENSION_DAYS = [(1, "1 day"), (3, "3 days"), (7, "7 days"), (30, "30 days")]


class SuspendForm(ReasonForm):
    days = forms.TypedChoiceField(
        label="For", choices=SUSPENSION_DAYS, coerce=int, initial=7, widget=forms.RadioSelect
    )


class EditForm(forms.Form):
    body = BodyField(label="The post's text", help_text="The old text stays in its history.")
    reason = _reason_field()
