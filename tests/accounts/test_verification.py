"""Clinician verification: apply, approve, reject, revoke; recorded, emailed, effective at once."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from accounts import verification
from accounts.models import ClinicianProfile, User, VerificationStatus
from accounts.permissions import is_verified_clinician
from accounts.roles import CLINICIANS
from tests.conftest import PASSWORD, make_clinician, make_user

pytestmark = pytest.mark.django_db

APPLICATION = {
    "full_name": "Mara Okafor",
    "credentials": "MD, FRCPC",
    "profession": "Physician",
    "specialty": "Endocrinology",
    "licence_number": "CPSO-12345",
    "jurisdiction": "Ontario, Canada",
    "bio": "I look after adults with *diabetes*.",
}


def make_reviewer(**fields) -> User:
    return make_user(is_staff=True, is_superuser=True, mfa=True, **fields)


def make_application(**fields) -> ClinicianProfile:
    return verification.apply_as_clinician(user=make_user(**fields), **APPLICATION)


def in_clinicians_group(user) -> bool:
    return user.groups.filter(name=CLINICIANS).exists()


# The member's side ---------------------------------------------------------------------------


def test_a_member_applies_and_sees_the_application_waiting(client, member):
    client.force_login(member)
    response = client.post(reverse("accounts:clinician-apply"), APPLICATION)
    assert response.status_code == 302
    profile = ClinicianProfile.objects.get(user=member)
    assert profile.status == VerificationStatus.PENDING
    assert profile.bio_html.strip() == "<p>I look after adults with <em>diabetes</em>.</p>"
    page = client.get(reverse("accounts:clinician-apply")).content.decode()
    assert "Waiting for review" in page
    assert "Send application" not in page  # no second application while one is pending


def test_applying_twice_while_pending_is_refused(client, member):
    client.force_login(member)
    client.post(reverse("accounts:clinician-apply"), APPLICATION)
    response = client.post(reverse("accounts:clinician-apply"), APPLICATION)
    assert response.status_code == 403
    assert ClinicianProfile.objects.filter(user=member).count() == 1


def test_an_unverified_email_cannot_apply(client):
    user = make_user(verified=False)
    client.force_login(user)
    assert client.post(reverse("accounts:clinician-apply"), APPLICATION).status_code == 403
    assert not ClinicianProfile.objects.exists()


def test_the_application_page_needs_a_login(client):
    response = client.get(reverse("accounts:clinician-apply"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("full_name", "   ", "required"),
        ("licence_number", "", "required"),
        ("full_name", "Mara\x00Okafor", "Null characters"),
        ("credentials", "MD\x1b[31m", "control"),
        ("jurisdiction", "Ontario\nCanada", "control"),
        ("full_name", "x" * 121, "at most 120"),
        ("bio", "y" * 1001, "at most 1000"),
    ],
)
def test_bad_application_input_is_refused_beside_the_field(client, member, field, value, message):
    client.force_login(member)
    response = client.post(reverse("accounts:clinician-apply"), {**APPLICATION, field: value})
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not ClinicianProfile.objects.exists()


# Staff decisions -----------------------------------------------------------------------------


def test_approval_is_recorded_adds_the_group_and_emails_the_applicant(
    mailoutbox, django_capture_on_commit_callbacks
):
    profile = make_application(email="mara@example.com")
    reviewer = make_reviewer()
    with django_capture_on_commit_callbacks(execute=True):
        verification.approve(profile_id=profile.pk, reviewer=reviewer)
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.VERIFIED
    assert profile.reviewed_by == reviewer
    assert profile.reviewed_at is not None
    assert in_clinicians_group(profile.user)
    assert [m.to for m in mailoutbox] == [["mara@example.com"]]
    assert "verified clinician" in mailoutbox[0].subject
    assert "✓ Mara Okafor, MD, FRCPC" in mailoutbox[0].body


def test_rejection_needs_a_reason_and_sends_it(mailoutbox, django_capture_on_commit_callbacks):
    profile = make_application(email="mara@example.com")
    reviewer = make_reviewer()
    with pytest.raises(verification.VerificationError):
        verification.reject(profile_id=profile.pk, reviewer=reviewer, reason="   ")
    with django_capture_on_commit_callbacks(execute=True):
        verification.reject(
            profile_id=profile.pk, reviewer=reviewer, reason="Licence not found & expired."
        )
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.REJECTED
    assert profile.review_reason == "Licence not found & expired."
    assert not in_clinicians_group(profile.user)
    assert "Licence not found & expired." in mailoutbox[0].body  # plain text: not escaped


def test_a_rejected_applicant_can_correct_and_apply_again(client):
    profile = make_application()
    verification.reject(profile_id=profile.pk, reviewer=make_reviewer(), reason="Wrong number.")
    client.force_login(profile.user)
    page = client.get(reverse("accounts:clinician-apply")).content.decode()
    assert "Wrong number." in page
    assert 'value="CPSO-12345"' in page  # the form starts from what they sent
    client.post(reverse("accounts:clinician-apply"), {**APPLICATION, "licence_number": "CPSO-9"})
    profile.refresh_from_db()
    assert (profile.status, profile.licence_number) == (VerificationStatus.PENDING, "CPSO-9")
    assert profile.reviewed_by is None and profile.review_reason == ""


def test_revocation_takes_effect_on_the_members_next_request(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    clinician = make_clinician()
    client.force_login(clinician)
    assert "clinician" in client.get(reverse("home")).context["viewer_roles"]
    with django_capture_on_commit_callbacks(execute=True):
        verification.revoke(
            profile_id=clinician.clinician_profile.pk,
            reviewer=make_reviewer(),
            reason="Licence suspended by the college.",
        )
    response = client.get(reverse("home"))
    assert "clinician" not in response.context["viewer_roles"]
    assert not is_verified_clinician(response.wsgi_request.user)
    assert not in_clinicians_group(clinician)
    assert "withdrawn" in mailoutbox[0].subject


@pytest.mark.parametrize(
    ("decide", "status"),
    [
        (verification.approve, VerificationStatus.VERIFIED),
        (verification.reject, VerificationStatus.REJECTED),
        (verification.revoke, VerificationStatus.PENDING),
    ],
)
def test_a_decision_on_an_application_in_the_wrong_state_is_refused(decide, status):
    clinician = make_clinician(status=status)
    with pytest.raises(verification.VerificationError):
        decide(profile_id=clinician.clinician_profile.pk, reviewer=make_reviewer(), reason="r")


def test_only_staff_with_mfa_and_the_right_may_decide():
    profile = make_application()
    for outsider in (
        make_user(),
        make_user(is_staff=True, is_superuser=True, mfa=False),
        make_user(is_staff=True, mfa=True),  # staff, but without the model permission
    ):
        with pytest.raises(PermissionDenied):
            verification.approve(profile_id=profile.pk, reviewer=outsider)
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.PENDING


def test_nobody_approves_their_own_application():
    reviewer = make_reviewer()
    profile = verification.apply_as_clinician(user=reviewer, **APPLICATION)
    with pytest.raises(PermissionDenied):
        verification.approve(profile_id=profile.pk, reviewer=reviewer)


def test_the_outcome_email_is_not_sent_for_a_deleted_account(mailoutbox):
    from accounts.deletion import delete_account
    from accounts.tasks import send_review_outcome

    profile = make_application()
    verification.approve(profile_id=profile.pk, reviewer=make_reviewer())
    delete_account(user=profile.user)
    send_review_outcome.call(profile_id=profile.pk)
    assert mailoutbox == []


# The admin review page -----------------------------------------------------------------------


def admin_client(client) -> User:
    reviewer = make_reviewer()
    client.force_login(reviewer)
    return reviewer


def test_staff_approve_from_the_admin_review_page(client, django_capture_on_commit_callbacks):
    profile = make_application()
    admin_client(client)
    url = reverse("admin:accounts_clinicianprofile_review", args=[profile.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "CPSO-12345" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"decision": "approve", "reason": ""})
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.VERIFIED


def test_the_admin_review_page_refuses_a_rejection_without_a_reason(client):
    profile = make_application()
    admin_client(client)
    url = reverse("admin:accounts_clinicianprofile_review", args=[profile.pk])
    response = client.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 200
    assert "Write the reason" in response.content.decode()
    profile.refresh_from_db()
    assert profile.status == VerificationStatus.PENDING


def test_the_admin_offers_only_revocation_for_a_verified_clinician(client):
    clinician = make_clinician()
    admin_client(client)
    url = reverse("admin:accounts_clinicianprofile_review", args=[clinician.clinician_profile.pk])
    response = client.post(url, {"decision": "approve", "reason": ""})
    assert "decision" in response.context["form"].errors
    response = client.post(url, {"decision": "revoke", "reason": "Retired."})
    assert response.status_code == 302
    clinician.clinician_profile.refresh_from_db()
    assert clinician.clinician_profile.status == VerificationStatus.REVOKED


def test_the_admin_review_page_is_closed_to_staff_without_the_right(client):
    profile = make_application()
    staff = make_user(is_staff=True, mfa=True)
    client.force_login(staff)
    url = reverse("admin:accounts_clinicianprofile_review", args=[profile.pk])
    assert client.get(url).status_code == 403


def test_the_admin_review_page_of_a_missing_application_is_404(client):
    admin_client(client)
    url = reverse("admin:accounts_clinicianprofile_review", args=[999999])
    assert client.get(url).status_code == 404


def test_the_admin_change_list_and_form_render(client):
    profile = make_application()
    admin_client(client)
    changelist = client.get(reverse("admin:accounts_clinicianprofile_changelist"))
    assert "Review application" in changelist.content.decode()
    change = client.get(reverse("admin:accounts_clinicianprofile_change", args=[profile.pk]))
    assert change.status_code == 200


def test_clinicians_group_exists_from_the_data_migration():
    assert Group.objects.filter(name=CLINICIANS).exists()


def test_logged_in_applicant_flow_works_through_the_real_login(client):
    user = make_user(email="real@example.com")
    client.post(reverse("account_login"), {"login": "real@example.com", "password": PASSWORD})
    response = client.post(reverse("accounts:clinician-apply"), APPLICATION)
    assert response.status_code == 302
    assert ClinicianProfile.objects.get(user=user).status == VerificationStatus.PENDING


@pytest.mark.parametrize(
    "name", ["Dr. Mara Okafor", "Mara Okafor, RN", "Nurse Mara", "Prof Okafor"]
)
def test_an_application_name_carries_no_title_the_credentials_give_it(client, name):
    member = make_user()
    client.force_login(member)
    response = client.post(reverse("accounts:clinician-apply"), {**APPLICATION, "full_name": name})
    assert response.status_code == 200
    assert "without a title" in response.content.decode()
    assert name in response.content.decode()  # the typed text is kept
    assert not ClinicianProfile.objects.filter(user=member).exists()
