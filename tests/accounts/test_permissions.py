"""Every role against every predicate, both ways: each cell of the table is a test."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import permissions as p
from accounts.deletion import delete_account
from accounts.models import Role, User, VerificationStatus
from accounts.roles import EDITORS, MODERATORS
from articles.ask_doctor.permissions import is_queue_clinician
from tests.conftest import make_clinician, make_editor, make_moderator, make_user

PREDICATES = {
    "can_participate": p.can_participate,
    "is_verified_clinician": p.is_verified_clinician,
    "is_queue_clinician": is_queue_clinician,
    "is_moderator": p.is_moderator,
    "is_editor": p.is_editor,
    "can_use_admin": p.can_use_admin,
    "can_apply_as_clinician": p.can_apply_as_clinician,
    "can_review_clinicians": p.can_review_clinicians,
    "has_mfa": p.has_mfa,
}


def _inactive():
    return make_user(is_active=False)


ROLES = {
    # role: (builder, predicates that must be true; every other one must be false)
    "anonymous": (AnonymousUser, set()),
    "patient": (
        lambda: make_user(role=Role.PATIENT),
        {"can_participate", "can_apply_as_clinician"},
    ),
    "caregiver": (
        lambda: make_user(role=Role.CAREGIVER),
        {"can_participate", "can_apply_as_clinician"},
    ),
    "unverified email": (lambda: make_user(verified=False), set()),
    "pending clinician": (
        lambda: make_clinician(status=VerificationStatus.PENDING, mfa=True),
        {"can_participate", "has_mfa"},
    ),
    "rejected clinician": (
        lambda: make_clinician(status=VerificationStatus.REJECTED, mfa=False),
        {"can_participate", "can_apply_as_clinician"},
    ),
    "revoked clinician": (
        lambda: make_clinician(status=VerificationStatus.REVOKED, mfa=True),
        {"can_participate", "can_apply_as_clinician", "has_mfa"},
    ),
    "verified clinician without MFA": (
        lambda: make_clinician(mfa=False),
        {"can_participate", "is_verified_clinician"},
    ),
    "verified clinician with MFA": (
        lambda: make_clinician(mfa=True),
        {"can_participate", "is_verified_clinician", "is_queue_clinician", "has_mfa"},
    ),
    "moderator": (
        make_moderator,
        {"can_participate", "is_moderator", "can_use_admin", "can_apply_as_clinician", "has_mfa"},
    ),
    "moderator without MFA": (
        lambda: make_user(groups=[MODERATORS], is_staff=True),
        {"can_participate", "can_apply_as_clinician"},
    ),
    "editor": (
        make_editor,
        {"can_participate", "is_editor", "can_use_admin", "can_apply_as_clinician", "has_mfa"},
    ),
    "editor without MFA": (
        lambda: make_user(groups=[EDITORS], is_staff=True),
        {"can_participate", "can_apply_as_clinician"},
    ),
    "staff": (
        lambda: make_user(is_staff=True, mfa=True),
        {"can_participate", "can_use_admin", "can_apply_as_clinician", "has_mfa"},
    ),
    "staff without MFA": (
        lambda: make_user(is_staff=True),
        {"can_participate", "can_apply_as_clinician"},
    ),
    "superuser": (
        lambda: make_user(is_staff=True, is_superuser=True, mfa=True),
        {
            "can_participate",
            "is_moderator",
            "is_editor",
            "can_use_admin",
            "can_apply_as_clinician",
            "can_review_clinicians",
            "has_mfa",
        },
    ),
    "superuser without MFA": (
        lambda: make_user(is_staff=True, is_superuser=True),
        {"can_participate", "can_apply_as_clinician"},
    ),
    "inactive superuser": (
        lambda: make_user(is_staff=True, is_superuser=True, mfa=True, is_active=False),
        set(),
    ),
    "deleted verified clinician": (
        lambda: User.objects.select_related("clinician_profile").get(
            pk=delete_account(user=make_clinician(mfa=True)).pk
        ),
        set(),
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("predicate", PREDICATES)
def test_predicate_for_role(role, predicate):
    build, allowed = ROLES[role]
    user = build()
    assert PREDICATES[predicate](user) is (predicate in allowed)


@pytest.mark.django_db
def test_staff_reviewer_with_the_model_right_may_review():
    from django.contrib.auth.models import Permission

    staff = make_user(is_staff=True, mfa=True)
    staff.user_permissions.add(Permission.objects.get(codename="change_clinicianprofile"))
    staff = User.objects.get(pk=staff.pk)  # permissions are cached per object
    assert p.can_review_clinicians(staff)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "roles"),
    [
        (AnonymousUser, set()),
        (lambda: make_user(role=Role.CAREGIVER), {"caregiver"}),
        (make_clinician, {"patient", "clinician"}),
        (make_moderator, {"patient", "moderator", "staff"}),
        (make_editor, {"patient", "editor", "staff"}),
        (lambda: delete_account(user=make_moderator()), set()),
    ],
)
def test_roles_for_the_page_chrome(build, roles):
    assert p.roles_for(build()) == roles


@pytest.mark.django_db
def test_predicates_cost_at_most_one_query_per_fact(django_assert_max_num_queries):
    user = User.objects.select_related("clinician_profile").get(pk=make_clinician().pk)
    with django_assert_max_num_queries(2):  # authenticators, permissions
        for _ in range(3):
            is_queue_clinician(user)
            p.is_moderator(user)
            p.roles_for(user)


@pytest.mark.django_db
def test_removing_the_authenticator_counts_from_the_next_request(client):
    from allauth.mfa.models import Authenticator
    from django.urls import reverse

    moderator = make_moderator()
    client.force_login(moderator)
    assert client.get(reverse("admin:index")).status_code == 200
    Authenticator.objects.filter(user=moderator).delete()
    assert client.get(reverse("admin:index")).status_code == 302
