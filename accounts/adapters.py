from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """Fills in the handle and role from the signup form before the user is first saved."""

    def save_user(self, request, user, form, commit=True):
        user.handle = form.cleaned_data["handle"]
        user.role = form.cleaned_data["role"]
        return super().save_user(request, user, form, commit=commit)
