import pytest
from django.core.exceptions import ValidationError

from accounts.handles import handle_key
from accounts.validators import validate_handle_shape, validate_new_handle
from tests.conftest import make_clinician, make_user


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Anna", "anna"),
        ("anna", "ANNA"),
        ("anna", "an.na"),
        ("anna", "an_na"),
        ("anna", "ánna"),
        ("anna", "Ａｎｎａ"),  # fullwidth
        ("anna", "Аnna"),  # Cyrillic capital A
        ("paul", "раul"),  # Cyrillic er and a
        ("oscar", "0scar"),
        ("leo", "1eo"),
        ("lily", "Iily"),  # capital I for l
        ("mary", "rnary"),
        ("wendy", "vvendy"),
        ("dale", "clale"),
        ("kappa", "κappa"),  # Greek kappa
        ("strasse", "straße"),
        ("sam", "5am"),
    ],
)
def test_look_alike_handles_share_a_key(first, second):
    assert handle_key(first) == handle_key(second)


@pytest.mark.parametrize(("first", "second"), [("anna", "hanna"), ("mary", "marty"), ("ed", "al")])
def test_different_handles_keep_different_keys(first, second):
    assert handle_key(first) != handle_key(second)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "blank"),
        ("   ", "blank"),
        ("an\x00na", "control"),
        ("an\x07na", "control"),
        ("an\u200bna", "control"),  # zero-width space
        ("an\u202ena", "control"),  # right-to-left override
        ("an na", "space"),
        ("an\u00a0na", "space"),
        ("ab", "length"),
        ("a" * 31, "length"),
        ("anna!", "characters"),
        ("<script>", "characters"),
        ("_anna", "start"),
        ("anna.", "start"),
        ("аnna", "mixed_scripts"),  # Cyrillic a + Latin
        ("12345", "no_letters"),
    ],
)
def test_malformed_handles_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as error:
        validate_handle_shape(value)
    assert error.value.code == code


@pytest.mark.parametrize("value", ["quiet_heron", "night.owl-2", "Zoë", "Мария", "さくら"])
def test_well_formed_handles_pass(value):
    validate_handle_shape(value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    [
        "admin",
        "Admin",
        "ADM1N",
        "moderator",
        "doctor",
        "Doct0r",
        "clinician",
        "verified",
        "staff",
        "support",
        "the_doctor",
        "site_admin",
        "verified.nurse",
        "deleted-abc123",
        "deleted_user",
    ],
)
def test_reserved_words_and_staff_look_alikes_are_refused(value):
    with pytest.raises(ValidationError) as error:
        validate_new_handle(value)
    assert error.value.code == "reserved"


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", ["quiet_heron", "Quiet_Heron", "quiet.heron", "qu1et_her0n"])
def test_a_handle_taken_in_any_disguise_is_refused(attempt):
    make_user(handle="quiet_heron")
    with pytest.raises(ValidationError) as error:
        validate_new_handle(attempt)
    assert error.value.code == "taken"


@pytest.mark.django_db
def test_a_member_may_keep_their_own_handle_when_editing():
    user = make_user(handle="quiet_heron")
    validate_new_handle("Quiet_Heron", exclude_user_id=user.pk)


def test_handles_that_expand_past_the_key_column_are_refused():
    with pytest.raises(ValidationError):
        validate_handle_shape("\ufdfa" * 10)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value",
    [
        "dr_ines",
        "DrInes",
        "Dr.Ines",
        "\u0501\u0433_\u0455\u0435\u043e",  # all Cyrillic, reads "dr_seo"
        "anna_rn",
        "nurse.jane",
        "jo-md",
        "prof_li",
    ],
)
def test_a_professional_title_in_a_handle_is_for_verified_clinicians_only(value):
    with pytest.raises(ValidationError) as error:
        validate_new_handle(value)
    assert error.value.code == "title"
    validate_new_handle(value, may_claim_title=True)


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["drew_smith", "docs_reader", "just_do_it", "nursery_mum"])
def test_words_that_merely_start_like_a_title_are_fine(value):
    validate_new_handle(value)


@pytest.mark.django_db
@pytest.mark.parametrize("attempt", ["ines_varga2", "ines-varga-2", "ines.varga.2026", "ines_varg"])
def test_a_verified_clinicians_handle_with_digits_or_separators_added_is_refused(attempt):
    make_clinician(handle="ines_varga")
    if attempt == "ines_varg":  # a different name, not the clinician's with a tail
        validate_new_handle(attempt)
        return
    with pytest.raises(ValidationError) as error:
        validate_new_handle(attempt)
    assert error.value.code == "clinician_look_alike"


@pytest.mark.django_db
def test_a_members_handle_with_digits_is_fine_beside_another_member():
    make_user(handle="ines_varga")  # a member, not a verified clinician
    validate_new_handle("ines_varga2")


@pytest.mark.django_db
def test_the_clinician_may_rename_themselves_to_a_variant_of_their_own_handle():
    clinician = make_clinician(handle="ines_varga")
    validate_new_handle("ines_varga_md", exclude_user_id=clinician.pk, may_claim_title=True)


@pytest.mark.django_db
def test_the_profile_form_lets_a_verified_clinician_keep_a_title_and_refuses_a_patient(client):
    from django.urls import reverse

    clinician, patient = make_clinician(handle="jo_clin"), make_user(handle="jo_patient")
    for user, allowed in ((clinician, True), (patient, False)):
        client.force_login(user)
        data = {"handle": f"dr_{user.handle}", "role": "patient", "about": ""}
        response = client.post(reverse("accounts:profile-edit"), data)
        user.refresh_from_db()
        assert (user.handle == f"dr_{data['handle'][3:]}") is allowed
        if not allowed:
            assert "professional title" in response.content.decode()


@pytest.mark.parametrize("char", ["\u200b", "\u200f", "\u200e", "\u2066", "\u202e", "\ufeff"])
def test_invisible_and_direction_marks_are_refused_in_handles(char):
    with pytest.raises(ValidationError):
        validate_handle_shape(f"quiet{char}heron")
