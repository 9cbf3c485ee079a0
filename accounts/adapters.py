from allauth.account.adapter import DefaultAccountAdapter
from django import forms

from .models import User

EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length


class AccountAdapter(DefaultAccountAdapter):
    """Fills in the handle and role from the signup form before the user is first saved."""

    def clean_email(self, email: str) -> str:
        # allauth's email fields have no length limit of their own; the column has one
        # (PostgreSQL would refuse the row with an error page instead of a message).
        if len(email) > EMAIL_MAX_LENGTH:
            raise forms.ValidationError(
                f"An email address is at most {EMAIL_MAX_LENGTH} characters long."
            )
        return super().clean_email(email)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        # allauth prefixes the login with the request's Host (port included) when the sites
        # framework is off, so changing only the Host header gave a locked account fresh
        # attempts. The account is the key, whatever host the request names.
        login = credentials.get("email", credentials.get("username", ""))
        return f"login:{login.strip().lower()}"

    def save_user(self, request, user, form, commit=True):
        user.handle = form.cleaned_data["handle"]
        user.role = form.cleaned_data["role"]
        return super().save_user(request, user, form, commit=commit)
