"""Clinician verification: a member applies, staff approve, reject or revoke, with reasons.

Each decision is one conditional UPDATE (correct on SQLite and PostgreSQL alike), records who
decided, when and why, moves the member in or out of the Clinicians group, and emails the
applicant through a task enqueued once the transaction commits.

Revocation takes effect on the member's next request: the auth backend reloads the user with
the profile on every request, and every clinician predicate reads the profile's status.
"""

from functools import partial

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from .models import ClinicianProfile, User, VerificationStatus
from .permissions import can_apply_as_clinician, can_review_clinicians
from .roles import CLINICIANS
from .tasks import send_review_outcome


class VerificationError(Exception):
    """The application is not in a state that allows this step (someone else acted first)."""


@transaction.atomic
def apply_as_clinician(
    *,
    user: User,
    full_name: str,
    credentials: str,
    profession: str,
    licence_number: str,
    jurisdiction: str,
    specialty: str = "",
    bio: str = "",
) -> ClinicianProfile:
    """Create (or, after a rejection or revocation, renew) a pending application."""
    if not can_apply_as_clinician(user):
        raise PermissionDenied
    profile = ClinicianProfile.objects.filter(user=user).first() or ClinicianProfile(user=user)
    if profile.status in {VerificationStatus.PENDING, VerificationStatus.VERIFIED} and profile.pk:
        raise VerificationError("You already have an application under review or approved.")
    profile.full_name = full_name
    profile.credentials = credentials
    profile.profession = profession
    profile.specialty = specialty
    profile.licence_number = licence_number
    profile.jurisdiction = jurisdiction
    profile.bio = bio
    profile.status = VerificationStatus.PENDING
    profile.applied_at = timezone.now()
    profile.reviewed_at = None
    profile.reviewed_by = None
    profile.review_reason = ""
    profile.save()
    return profile


def _decide(
    *,
    profile_id: int,
    reviewer: User,
    from_status: VerificationStatus,
    to_status: VerificationStatus,
    reason: str,
    clinician: bool,
) -> ClinicianProfile:
    if not can_review_clinicians(reviewer):
        raise PermissionDenied
    applicant_id = (
        ClinicianProfile.objects.filter(pk=profile_id).values_list("user_id", flat=True).first()
    )
    if applicant_id is None:
        raise VerificationError("This application no longer exists.")
    if applicant_id == reviewer.pk:
        raise PermissionDenied("Nobody may review their own application.")
    changed = ClinicianProfile.objects.filter(pk=profile_id, status=from_status).update(
        status=to_status, reviewed_by=reviewer, reviewed_at=timezone.now(), review_reason=reason
    )
    if not changed:
        raise VerificationError(
            f"Only an application that is “{from_status.label.lower()}” can be "
            f"{to_status.label.lower()}; it has changed since you opened it."
        )
    group = Group.objects.get_or_create(name=CLINICIANS)[0]
    if clinician:
        group.user_set.add(applicant_id)
    else:
        group.user_set.remove(applicant_id)
    transaction.on_commit(partial(send_review_outcome.enqueue, profile_id=profile_id))
    return ClinicianProfile.objects.select_related("user", "reviewed_by").get(pk=profile_id)


def _required_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise VerificationError("Write the reason: the applicant will read it.")
    return reason


@transaction.atomic
def approve(*, profile_id: int, reviewer: User, reason: str = "") -> ClinicianProfile:
    return _decide(
        profile_id=profile_id,
        reviewer=reviewer,
        from_status=VerificationStatus.PENDING,
        to_status=VerificationStatus.VERIFIED,
        reason=reason.strip(),
        clinician=True,
    )


@transaction.atomic
def reject(*, profile_id: int, reviewer: User, reason: str) -> ClinicianProfile:
    return _decide(
        profile_id=profile_id,
        reviewer=reviewer,
        from_status=VerificationStatus.PENDING,
        to_status=VerificationStatus.REJECTED,
        reason=_required_reason(reason),
        clinician=False,
    )


@transaction.atomic
def revoke(*, profile_id: int, reviewer: User, reason: str) -> ClinicianProfile:
    return _decide(
        profile_id=profile_id,
        reviewer=reviewer,
        from_status=VerificationStatus.VERIFIED,
        to_status=VerificationStatus.REVOKED,
        reason=_required_reason(reason),
        clinician=False,
    )
