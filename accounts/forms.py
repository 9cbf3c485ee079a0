"""Forms members fill in about themselves. Every one refuses bad input beside the field."""

from django import forms
from django.core.exceptions import ValidationError

from .antispam import HoneypotMixin
from .models import ClinicianProfile, Role, User
from .permissions import is_verified_clinician
from .validators import (
    HANDLE_MAX_LENGTH,
    validate_name_without_title,
    validate_new_handle,
    validate_plain_text,
    validate_single_line,
)

HANDLE_HELP = (
    "Your public name here: 3 to 30 letters, digits, dots, dashes or underscores. "
    "Use a nickname; no real name is needed."
)


def _handle_field() -> forms.CharField:
    # Shape, reserved words and look-alikes are checked in clean_handle, after the field's own
    # checks (blank, NUL, length) pass, so each mistake gets one message.
    return forms.CharField(
        max_length=HANDLE_MAX_LENGTH,
        help_text=HANDLE_HELP,
        error_messages={"required": "Choose a handle: it cannot be blank."},
        widget=forms.TextInput(attrs={"autocomplete": "nickname", "autocapitalize": "none"}),
    )


class SignupForm(HoneypotMixin, forms.Form):
    """Extra fields on allauth's signup form: a public handle and why you are here, and the
    honeypot that stops form-filling bots (accounts/antispam.py)."""

    handle = _handle_field()
    role = forms.ChoiceField(
        choices=Role.choices,
        widget=forms.RadioSelect,
        initial=Role.PATIENT,
        label="I am here as a",
        help_text="Caregivers look after someone else. You can change this later.",
    )

    field_order = ["email", "handle", "role", "password1", "password2"]

    def clean_handle(self):
        handle = self.cleaned_data["handle"]
        validate_new_handle(handle)
        return handle

    def clean(self):
        # allauth's email check (case-insensitive) only flags a taken address, to send its owner
        # a notice instead. Signing up is where a person needs to hear it, beside the field;
        # password reset keeps allauth's enumeration protection.
        cleaned_data = super().clean()
        if getattr(self, "account_already_exists", False):
            self.add_error(
                "email",
                "An account already uses this email address. Log in, or reset your password "
                "if you have forgotten it.",
            )
        return cleaned_data

    def signup(self, request, user: User) -> None:
        """allauth calls this after saving; the adapter has set the fields already."""


class ProfileForm(forms.ModelForm):
    """A member's own public profile: handle, role and a short note about themselves."""

    handle = _handle_field()

    class Meta:
        model = User
        fields = ["handle", "role", "about"]
        labels = {"role": "I am here as a", "about": "About me"}
        help_texts = {
            "about": "Optional, up to 500 characters, shown on your public profile. Simple "
            "Markdown works. Think twice before sharing health details: anyone can read it."
        }
        widgets = {"role": forms.RadioSelect, "about": forms.Textarea(attrs={"rows": 5})}

    def clean_handle(self):
        handle = self.cleaned_data["handle"]
        validate_new_handle(
            handle,
            exclude_user_id=self.instance.pk,
            may_claim_title=is_verified_clinician(self.instance),
        )
        return handle

    def clean_about(self):
        about = self.cleaned_data["about"]
        validate_plain_text(about)
        return about


class ClinicianApplicationForm(forms.ModelForm):
    """What staff need to check a clinician's registration with the body that licenses them."""

    class Meta:
        model = ClinicianProfile
        fields = [
            "full_name",
            "credentials",
            "profession",
            "specialty",
            "licence_number",
            "jurisdiction",
            "bio",
        ]
        labels = {
            "full_name": "Full name, as registered",
            "credentials": "Credentials",
            "profession": "Profession",
            "specialty": "Specialty (optional)",
            "licence_number": "Licence or registration number",
            "jurisdiction": "Issuing jurisdiction",
            "bio": "Short bio (optional)",
        }
        help_texts = {
            "full_name": "Shown publicly with your badge once you are verified.",
            "credentials": 'Shown with your name, for example "MD, FRCPC" or "RN".',
            "profession": "For example physician, nurse practitioner, pharmacist.",
            "licence_number": "Staff use it to check the public register. Never shown publicly.",
            "jurisdiction": 'The body or region that issued the licence, e.g. "Ontario, Canada".',
            "bio": "Up to 1000 characters about your practice and interests.",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "credentials", "profession", "licence_number", "jurisdiction"):
            self.fields[name].required = True
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if not isinstance(value, str) or name in self.errors:
                continue
            try:
                if name == "bio":
                    validate_plain_text(value)
                else:
                    validate_single_line(value)
                if name == "full_name":
                    validate_name_without_title(value)
            except ValidationError as error:
                self.add_error(name, error)
        return cleaned


class DeleteAccountForm(forms.Form):
    """The last step before an account is deleted: the member types their handle."""

    confirm_handle = forms.CharField(
        label="Type your handle to confirm",
        max_length=HANDLE_MAX_LENGTH,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["confirm_handle"].help_text = f"Your handle is {user.handle}."

    def clean_confirm_handle(self):
        typed = self.cleaned_data["confirm_handle"]
        if typed != self.user.handle:
            raise ValidationError(
                "That is not your handle. Type it exactly as shown to delete your account.",
                code="mismatch",
            )
        return typed
