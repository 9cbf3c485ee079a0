"""Demo members, one per role. Idempotent: running it again changes nothing."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from .models import ClinicianProfile, Role, User, VerificationStatus
from .roles import CLINICIANS, EDITORS, MODERATORS

DEMO_PASSWORD = "demo-pass-2026"  # noqa: S105 (printed for people trying the demo)
# A fixed TOTP secret for the demo staff accounts, so people trying the site can add it to an
# authenticator app (or run `manage.py demo_totp`). Never used outside the demo loader.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105

DEMO_DOMAIN = "demo.clinicalcontext.example"
DEMO_USERS = [
    {"email": "patient@" + DEMO_DOMAIN, "handle": "quiet_heron", "role": Role.PATIENT},
    {"email": "caregiver@" + DEMO_DOMAIN, "handle": "night_owl_carer", "role": Role.CAREGIVER},
    {"email": "clinician@" + DEMO_DOMAIN, "handle": "dr_ines_v", "role": Role.PATIENT,
     "clinician": {"full_name": "Ines Varga", "credentials": "MD, psychiatrist",
                   "profession": "Physician", "specialty": "Psychiatry",
                   "licence_number": "CPSO-00000", "jurisdiction": "Ontario, Canada"},
     "groups": [CLINICIANS], "mfa": True},
    {"email": "moderator@" + DEMO_DOMAIN, "handle": "calm_harbour", "role": Role.CAREGIVER,
     "groups": [MODERATORS], "mfa": True, "is_staff": True},
    {"email": "editor@" + DEMO_DOMAIN, "handle": "desk_editor", "role": Role.PATIENT,
     "groups": [EDITORS], "mfa": True, "is_staff": True},
    {"email": "admin@" + DEMO_DOMAIN, "handle": "site_keeper", "role": Role.PATIENT,
     "mfa": True, "is_staff": True, "is_superuser": True},
]  # fmt: skip


@transaction.atomic
def load() -> list[dict]:
    """Create the demo members the first time; return what to print for each.

    A demo member found again (by email) is left as people have made it since: a changed
    handle, a suspension, a group removed in the admin, a reset two-factor device all stay.
    """
    printed = []
    for spec in DEMO_USERS:
        user = User.objects.filter(email=spec["email"]).first()
        if user is None:
            if User.objects.filter(handle__iexact=spec["handle"]).exists():
                continue  # a real member took the demo handle: no demo member of this role
            user = _create(spec)
        printed.append({"email": user.email, "handle": user.handle, "mfa": spec.get("mfa", False)})
    return printed


def _create(spec: dict) -> User:
    user = User(
        email=spec["email"],
        handle=spec["handle"],
        role=spec["role"],
        is_staff=spec.get("is_staff", False),
        is_superuser=spec.get("is_superuser", False),
    )
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    for group_name in spec.get("groups", []):
        user.groups.add(Group.objects.get(name=group_name))
    if "clinician" in spec:
        ClinicianProfile.objects.create(
            user=user,
            **spec["clinician"],
            status=VerificationStatus.VERIFIED,
            reviewed_at=timezone.now(),
        )
    if spec.get("mfa"):
        _ensure_totp(user)
    return user


def _ensure_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
