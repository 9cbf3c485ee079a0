"""Ask-the-doctor forms. Each lists its fields: a patient cannot set status, claim or owner."""

from django import forms

from accounts.antispam import HoneypotMixin
from text.validators import running_text

from ..models import CarePointer, DoctorQuestion, Visibility
from ..models.ask_doctor import ANSWER_MAX_LENGTH, MESSAGE_MAX_LENGTH, QUESTION_MAX_LENGTH


class _NoColon:
    """Labels read as written ("Your question", not "Your question:")."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def _text_field(*, label, max_length, required=True, help_text="", rows=8, widget=None):
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        strip=True,
        help_text=help_text,
        validators=[running_text],
        widget=widget or forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": "Please write something here; it cannot be empty.",
            "max_length": (
                f"Please keep this to {max_length:,} characters or fewer (it has %(show_value)s)."
            ),
        },
    )


class QuestionForm(HoneypotMixin, _NoColon, forms.ModelForm):
    body = _text_field(
        label="Your question",
        max_length=QUESTION_MAX_LENGTH,
        help_text=(
            "Markdown works: **bold**, *italic*, lists. Up to 5,000 characters. Leave out your "
            "name, phone number and other details that identify you."
        ),
    )
    conditions = _text_field(
        label="Relevant conditions (optional)",
        max_length=500,
        required=False,
        widget=forms.TextInput(),
        help_text="For example: type 2 diabetes, pregnancy.",
    )
    medicines = _text_field(
        label="Current medicines (optional)",
        max_length=500,
        required=False,
        widget=forms.TextInput(),
        help_text="Names and doses if you know them.",
    )
    visibility = forms.ChoiceField(
        label="Who may see this question",
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose private or may be published."},
    )
    show_handle = forms.BooleanField(
        label="If it is published, show my handle with it",
        required=False,
        help_text="Without this, a published question is shown without any name.",
    )

    class Meta:
        model = DoctorQuestion
        fields = ["body", "age_range", "conditions", "medicines", "visibility", "show_handle"]
        labels = {"age_range": "Age range (optional)"}

    def __init__(self, *args, suggestions_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if suggestions_url:
            # "Already answered?": htmx posts the question (and only it, with the CSRF token) as
            # it is typed, and shows matching answered questions. POST keeps it out of URLs.
            self.fields["body"].widget.attrs.update(
                {
                    "hx-post": suggestions_url,
                    "hx-trigger": "input changed delay:600ms, load",
                    "hx-target": "#ask-suggestions",
                    "hx-params": "body,csrfmiddlewaretoken",
                    "hx-sync": "this:replace",
                }
            )


class MessageForm(_NoColon, forms.Form):
    body = _text_field(label="Your message", max_length=MESSAGE_MAX_LENGTH, rows=5)

    def __init__(self, *args, label: str = "Your message", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = label


class AnswerForm(_NoColon, forms.Form):
    body = _text_field(
        label="Your answer",
        max_length=ANSWER_MAX_LENGTH,
        rows=12,
        help_text="Markdown works. General information, not a consultation. Up to 20,000 "
        "characters.",
    )


class DeclineForm(_NoColon, forms.Form):
    care = forms.ChoiceField(
        label="Where should the asker turn instead?",
        choices=CarePointer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the asker should turn instead."},
    )
    reason = _text_field(
        label="Why this question cannot be answered here", max_length=MESSAGE_MAX_LENGTH, rows=4
    )


class FaqProposalForm(_NoColon, forms.Form):
    faq_question = _text_field(
        label="Question as it would appear in the FAQ",
        max_length=300,
        rows=3,
        help_text="Rewrite it so that nobody could recognise the asker: no names, ages, places "
        "or dates.",
    )
    faq_answer = _text_field(
        label="Answer as it would appear in the FAQ",
        max_length=ANSWER_MAX_LENGTH,
        rows=10,
        help_text="Remove anything personal from your answer too.",
    )


QUEUE_VIEWS = {
    "waiting": "Waiting",
    "mine": "Mine",
    "needs_info": "Needs information",
    "answered": "Answered",
}


QUEUE_ABOUT = {"": "All questions", "general": "General questions", "items": "About an item"}


class QueueFilterForm(_NoColon, forms.Form):
    view = forms.ChoiceField(label="Show", choices=list(QUEUE_VIEWS.items()), required=False)
    item = forms.IntegerField(label="Item number", required=False, min_value=1, max_value=2**31)
    about = forms.ChoiceField(label="About", choices=list(QUEUE_ABOUT.items()), required=False)

    def filters(self) -> tuple[str, int | None, str]:
        """(view, item number, about): what the queue shows; anything malformed shows all."""
        if not self.is_valid():
            return "waiting", None, ""
        data = self.cleaned_data
        return data["view"] or "waiting", data["item"], data["about"]
