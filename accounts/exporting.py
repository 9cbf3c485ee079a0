"""A member's own data, as one JSON-serialisable document (the "download my data" button)."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils import timezone

from . import signals
from .models import ClinicianProfile, Sanction, User

EXPORT_FORMAT_VERSION = 1


def _when(value):
    return value.isoformat() if value else None


def export_data(user: User) -> dict:
    """Everything we hold about `user` that is theirs to take away. Never secrets: no password
    hash, no TOTP secret, no recovery codes, only whether two-factor is on."""
    profile = ClinicianProfile.objects.filter(user=user).first()
    mfa_types = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    return {
        "format": "clinical-context-export",
        "version": EXPORT_FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "handle": user.handle,
            "role": user.role,
            "about": user.about,
            "date_joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
            "groups": sorted(user.groups.values_list("name", flat=True)),
            "is_staff": user.is_staff,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor": {
            "authenticator_app": Authenticator.Type.TOTP in mfa_types,
            "recovery_codes": Authenticator.Type.RECOVERY_CODES in mfa_types,
        },
        "clinician_profile": None
        if profile is None
        else {
            "full_name": profile.full_name,
            "credentials": profile.credentials,
            "profession": profile.profession,
            "specialty": profile.specialty,
            "licence_number": profile.licence_number,
            "jurisdiction": profile.jurisdiction,
            "bio": profile.bio,
            "status": profile.status,
            "applied_at": _when(profile.applied_at),
            "reviewed_at": _when(profile.reviewed_at),
            "review_reason": profile.review_reason,
        },
        # Warnings, suspensions and bans given to the member (not who gave them: moderators
        # are not named to the people they sanction).
        "sanctions": [
            {
                "kind": sanction.kind,
                "reason": sanction.reason,
                "given_at": _when(sanction.created_at),
                "ends_at": _when(sanction.ends_at),
                "acknowledged_at": _when(sanction.acknowledged_at),
                "lifted_at": _when(sanction.lifted_at),
                "lift_reason": sanction.lift_reason,
            }
            for sanction in Sanction.objects.filter(member=user).order_by("created_at", "pk")
        ],
        **signals.export_sections(user),
    }
