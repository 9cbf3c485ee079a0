"""Stopping simple bots without bothering people: a honeypot field.

`HoneypotMixin` adds a text field that people never see or reach (visually hidden, hidden
from screen readers, out of the tab order, autocomplete off) and that form-filling bots
fill in. A filled honeypot makes the form invalid with a non-field error, so the view writes
nothing. The field renders with the form's hidden fields (no label of its own in the
visible list), so every template that prints `form.hidden_fields` shows it correctly.

    class ReplyForm(HoneypotMixin, forms.Form): ...
"""

from django import forms

HONEYPOT_FIELD = "website"  # a name bots like to fill
HONEYPOT_MESSAGE = (
    "This form could not be sent, because a field meant to stay empty was filled in "
    "(form-filling software does that). Please reload the page and send it again."
)


class HoneypotInput(forms.TextInput):
    """A text input (bots skip type=hidden) that forms treat as hidden: no visible label."""

    template_name = "accounts/widgets/honeypot.html"

    def __init__(self):
        super().__init__(attrs={"tabindex": "-1", "autocomplete": "off"})

    @property
    def is_hidden(self) -> bool:
        return True


class HoneypotMixin:
    """Put first in the bases: `class MyForm(HoneypotMixin, forms.Form)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            required=False, strip=False, label="Leave this field empty", widget=HoneypotInput()
        )

    def clean(self):
        cleaned = super().clean()
        # Never passed on: views hand cleaned_data to services as keyword arguments.
        cleaned.pop(HONEYPOT_FIELD, None)
        if self.data.get(self.add_prefix(HONEYPOT_FIELD)):
            raise forms.ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        return cleaned

    @property
    def caught_by_honeypot(self) -> bool:
        return self.has_error("__all__", code="honeypot")
