from django import forms

from .kinds import DEFAULTS, Frequency, Kind


class PreferencesForm(forms.Form):
    """One "show in my notifications" box and one email choice per kind the member can get."""

    def __init__(self, *args, kinds: list[str], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = kinds
        for kind in kinds:
            label = Kind(kind).label
            self.fields[f"{kind}-in_app"] = forms.BooleanField(
                label=f"{label}: show in my notifications",
                required=False,
                initial=current[kind].in_app,
            )
            self.fields[f"{kind}-email"] = forms.ChoiceField(
                label=f"{label}: email",
                choices=Frequency.choices,
                initial=current[kind].email,
            )

    def rows(self):
        """(kind label, in-app field, email field) for the template's table."""
        return [
            (Kind(kind).label, self[f"{kind}-in_app"], self[f"{kind}-email"]) for kind in self.kinds
        ]

    def choices(self) -> dict[str, tuple[bool, str]]:
        data = self.cleaned_data
        return {kind: (data[f"{kind}-in_app"], data[f"{kind}-email"]) for kind in self.kinds}


def kinds_for(*, is_clinician: bool, is_moderator: bool) -> list[str]:
    audiences = {"everyone"} | ({"clinicians"} if is_clinician else set())
    audiences |= {"moderators"} if is_moderator else set()
    return [kind for kind in Kind.values if DEFAULTS[kind].audience in audiences]
