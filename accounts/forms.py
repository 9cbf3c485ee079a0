from django import forms

from .models import Role, User
from .validators import validate_new_handle


class SignupForm(forms.Form):
    """Extra fields on allauth's signup form: a public handle and why you are here."""

    handle = forms.CharField(
        max_length=30,
        help_text="Your public name here. Use a nickname; no real name is needed.",
        validators=[validate_new_handle],
    )
    role = forms.ChoiceField(
        choices=Role.choices, widget=forms.RadioSelect, initial=Role.PATIENT, label="I am a"
    )

    field_order = ["email", "handle", "role", "password1", "password2"]

    def clean_handle(self):
        return self.cleaned_data["handle"].strip()

    def signup(self, request, user: User) -> None:
        """allauth calls this after saving; the adapter has set the fields already."""
