"""Public profiles, the member badge, and editing one's own profile."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from accounts import signals
from accounts.deletion import delete_account
from accounts.models import Role, User
from accounts.validators import HANDLE_MAX_LENGTH
from tests.conftest import make_clinician, make_user

pytestmark = pytest.mark.django_db


def test_a_profile_shows_handle_role_and_join_date_but_never_the_email(client):
    member = make_user(handle="quiet_heron", email="secret.person@example.com", role="caregiver")
    html = client.get(reverse("accounts:profile", args=["quiet_heron"])).content.decode()
    assert "<h1>quiet_heron</h1>" in html
    assert "Caregiver" in html
    assert member.date_joined.strftime("%B %Y") in html
    assert "secret.person" not in html


def test_a_verified_clinicians_profile_shows_the_badge(client):
    clinician = make_clinician(handle="dr_on_call")
    html = client.get(clinician.get_absolute_url()).content.decode()
    assert "✓ Verified clinician" in html
    assert clinician.clinician_profile.full_name in html
    assert clinician.clinician_profile.licence_number not in html


def test_a_pending_clinician_shows_no_badge(client):
    from accounts.models import VerificationStatus

    applicant = make_clinician(status=VerificationStatus.PENDING)
    html = client.get(applicant.get_absolute_url()).content.decode()
    assert "Verified clinician" not in html
    assert applicant.clinician_profile.full_name not in html


def test_about_text_is_rendered_safely(client):
    make_user(handle="markdown_fan", about="I like **bold** <script>alert(1)</script>")
    html = client.get(reverse("accounts:profile", args=["markdown_fan"])).content.decode()
    assert "<strong>bold</strong>" in html
    assert "<script>alert" not in html


def test_profile_stats_come_from_the_connected_receivers(client):
    def seven_posts(sender, *, user, **kwargs):
        return {"Forum posts": 7}

    signals.profile_stats_requested.connect(seven_posts)
    member = make_user()
    try:
        html = client.get(member.get_absolute_url()).content.decode()
    finally:
        signals.profile_stats_requested.disconnect(seven_posts)
    assert "Forum posts" in html and "<dd>7</dd>" in html


def test_a_deleted_accounts_profile_is_404(client):
    member = make_user(handle="gone_now")
    deleted = delete_account(user=member)
    assert client.get(reverse("accounts:profile", args=["gone_now"])).status_code == 404
    assert client.get(reverse("accounts:profile", args=[deleted.handle])).status_code == 404


@pytest.mark.parametrize("handle", ["nobody_here", "%00", "a" * 500, "..", "<script>"])
def test_unknown_or_malformed_handles_are_404(client, handle):
    assert client.get(f"/members/{handle}/").status_code == 404


@pytest.mark.parametrize("others", [3, 300])
def test_profile_page_query_count_is_fixed(client, django_assert_num_queries, others):
    member = make_user(handle="counted")
    User.objects.bulk_create(
        User(email=f"o{n}@example.com", handle=f"other_{n}", handle_key=f"other{n}")
        for n in range(others)
    )
    # the member with their clinician profile; their stats (the forum's one aggregate)
    with django_assert_num_queries(2):
        response = client.get(member.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.parametrize("groups", [1, 3])
def test_profile_page_query_count_for_a_signed_in_viewer_is_fixed(
    client, django_assert_num_queries, groups
):
    viewer = make_user(groups=[f"Group {n}" for n in range(groups)])
    member = make_clinician()
    client.force_login(viewer)
    # viewer (+ clinician profile; the session comes from the cache), member (+ clinician
    # profile), the forum's stats aggregate, the viewer's groups for the menu, the bell
    with django_assert_num_queries(5):
        response = client.get(member.get_absolute_url())
    assert response.status_code == 200


# The badge partial other parts include -------------------------------------------------------


def test_the_badge_shows_handle_and_verified_name_without_a_query(django_assert_num_queries):
    clinician = make_clinician(handle="dr_badge")
    member = User.objects.select_related("clinician_profile").get(pk=clinician.pk)
    with django_assert_num_queries(0):
        html = render_to_string("accounts/_member_badge.html", {"member": member})
    assert 'href="/members/dr_badge/"' in html
    assert f"✓ {clinician.clinician_profile.full_name}, MD" in html


def test_the_badge_of_a_member_without_a_profile_makes_no_query(django_assert_num_queries):
    member = User.objects.select_related("clinician_profile").get(pk=make_user().pk)
    with django_assert_num_queries(0):
        html = render_to_string("accounts/_member_badge.html", {"member": member})
    assert member.handle in html and "✓" not in html


def test_the_badge_of_a_deleted_member_reads_deleted_user():
    deleted = delete_account(user=make_clinician())
    member = User.objects.select_related("clinician_profile").get(pk=deleted.pk)
    html = render_to_string("accounts/_member_badge.html", {"member": member})
    assert "deleted user" in html
    assert "href" not in html


# Editing one's own profile -------------------------------------------------------------------


def test_editing_needs_a_login(client):
    response = client.get(reverse("accounts:profile-edit"))
    assert response.status_code == 302


def test_a_member_changes_handle_role_and_about(client, member):
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"handle": "new_name", "role": Role.CAREGIVER, "about": "Caring for my *mum*."},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.handle, member.role) == ("new_name", Role.CAREGIVER)
    assert member.handle_key == "new_name".replace("_", "")
    assert "<em>mum</em>" in member.about_html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"handle": "  "}, "handle", "cannot be blank"),
        ({"handle": "Taken_One"}, "handle", "looks just like it"),
        ({"handle": "moderator"}, "handle", "reserved"),
        ({"handle": "a\x00b"}, "handle", "Null characters"),
        ({"handle": "x" * (HANDLE_MAX_LENGTH + 1)}, "handle", "at most 30"),
        ({"role": "superuser"}, "role", "Select a valid choice"),
        ({"about": "z" * 501}, "about", "at most 500"),
        ({"about": "hi\x07there"}, "about", "control"),
    ],
)
def test_bad_profile_edits_are_refused_beside_the_field(client, member, data, field, message):
    make_user(handle="taken_one")
    client.force_login(member)
    before = (member.handle, member.role, member.about)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"handle": member.handle, "role": Role.PATIENT, "about": "", **data},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    member.refresh_from_db()
    assert (member.handle, member.role, member.about) == before
    # The header still shows the saved handle, not the refused one.
    assert response.context["user"].handle == before[0]


def test_keeping_the_same_handle_with_different_case_is_allowed(client):
    member = make_user(handle="quiet_heron")
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile-edit"),
        {"handle": "Quiet_Heron", "role": Role.PATIENT, "about": ""},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.handle == "Quiet_Heron"


def test_settings_page_lists_every_account_action(client, member):
    client.force_login(member)
    html = client.get(reverse("accounts:settings")).content.decode()
    for name in ("profile-edit", "clinician-apply", "export", "delete"):
        assert reverse(f"accounts:{name}") in html
    assert reverse("account_email") in html and reverse("mfa_index") in html
