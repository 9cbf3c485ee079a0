"""Forms for posting and moderating. Each refuses bad text with a message beside its field."""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError

from accounts.antispam import HoneypotMixin
from text.validators import validate_user_text, visible_length

from .models import BODY_MAX, REASON_MAX, TITLE_MAX, Category

TITLE_MIN = 5
_WHITESPACE = re.compile(r"\s+")


class TitleField(forms.CharField):
    """One line, whitespace collapsed, 5 to 150 visible characters."""

    def __init__(self, **kwargs):
        # No max_length here: a long title gets our message, not a truncated input box.
        super().__init__(strip=True, **kwargs)
        self.widget.attrs.update({"maxlength": TITLE_MAX, "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            # Line breaks and tabs become spaces; anything else invisible is refused.
            validate_user_text(_WHITESPACE.sub(" ", value), multiline=False)
        value = super().to_python(value)
        return _WHITESPACE.sub(" ", value).strip()

    def validate(self, value):
        super().validate(value)
        if visible_length(value) < TITLE_MIN:
            raise ValidationError(
                "Give the thread a title of at least %(min)d visible characters.",
                params={"min": TITLE_MIN},
            )
        if len(value) > TITLE_MAX:
            raise ValidationError(
                "Keep the title to %(max)d characters (it has %(n)d).",
                params={"max": TITLE_MAX, "n": len(value)},
            )


class BodyField(forms.CharField):
    """Markdown, 1 to 20,000 characters, not only whitespace, no control characters."""

    def __init__(self, *, max_length=BODY_MAX, **kwargs):
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 8}))
        super().__init__(strip=True, **kwargs)
        self.limit = max_length

    def to_python(self, value):
        if isinstance(value, str):
            validate_user_text(value, multiline=True)
            value = value.replace("\r\n", "\n")
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if len(value) > self.limit:
            raise ValidationError(
                "Keep it under %(max)s characters (it has %(n)s). You could split it into "
                "two posts.",
                params={"max": f"{self.limit:,}", "n": f"{len(value):,}"},
            )


class TokenField(forms.UUIDField):
    widget = forms.HiddenInput


class _PostingForm(HoneypotMixin, forms.Form):
    """A form that writes a post: one token per form shown (a double click posts once) and a
    honeypot field that people never see (a filled one writes nothing)."""

    submission_token = TokenField(error_messages={"required": "Please send the form again."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())


class ThreadForm(_PostingForm):
    category = forms.ModelChoiceField(queryset=Category.objects.none(), empty_label=None)
    title = TitleField(label="Title", help_text="One line that says what this is about.")
    body = BodyField(label="Your post", help_text="Markdown works: **bold**, *italic*, - lists.")

    field_order = ["category", "title", "body", "submission_token"]

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories


class ReplyForm(_PostingForm):
    body = BodyField(label="Your reply", help_text="Markdown works: **bold**, *italic*, > quote.")


class PreviewForm(forms.Form):
    body = BodyField(label="Your post")


class EditForm(forms.Form):
    body = BodyField(label="Your post")
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ReasonForm(forms.Form):
    reason = BodyField(
        label="Reason",
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Recorded in the moderation log.",
    )


class OptionalReasonForm(forms.Form):
    reason = BodyField(
        label="Reason (optional)",
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(ReasonForm):
    category = forms.ModelChoiceField(
        label="Move to", queryset=Category.objects.none(), empty_label=None
    )

    field_order = ["category", "reason"]

    def __init__(self, *args, categories, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
