"""Identifier screening: each kind found in the forms people write it, and the numbers that
fill health posts (doses, readings, registry ids, citations, hotlines) left alone."""

import pytest

from text.screening import (
    IdentifierMatch,
    nhs_number_is_valid,
    register_term_source,
    screen_identifiers,
    unregister_term_source,
)


def found(text):
    return [(m.kind, m.text) for m in screen_identifiers(text)]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("my cell is (415) 555-2671", "(415) 555-2671"),
        ("call me on 07700 900123 tonight", "07700 900123"),
        ("ring me 087 123 4567 im in cork", "087 123 4567"),
        ("WhatsApp +44 7911 123456", "+44 7911 123456"),
        ("my mobile +353 86 555 0199", "+353 86 555 0199"),
        ("Phone me: 0044 7700 900777", "0044 7700 900777"),
        ("text 212-555-0147 after six", "212-555-0147"),
        ("reach me at 917 555 0122", "917 555 0122"),
    ],
)
def test_phone_numbers_in_national_and_international_forms(text, number):
    assert found(text) == [("phone", number)]


def test_a_match_says_where_it_is():
    text = "call me on 07700 900123"
    [match] = screen_identifiers(text)
    assert match == IdentifierMatch("phone", 11, 23, "07700 900123")
    assert text[match.start : match.end] == match.text


@pytest.mark.parametrize(
    "text",
    [
        "I take 5/325 mg twice a day",
        "co-codamol 30/500, two tablets",
        "BP was 120/80 this morning, 135/85 last night",
        "HbA1c 48 mmol/mol, eGFR 58, creatinine 112 umol/L",
        "Platelets 150 x 10^9/L",
        "The trial ran from 12/03/2018 to 15/09/2021",
        "Results published 2023-06-14",
        "The trial is registered as NCT04280705",
        "see ISRCTN12345678 for the protocol",
        "EudraCT number 2020-001234-56",
        "doi:10.1056/NEJMoa2034577",
        "https://doi.org/10.1016/S0140-6736(20)30183-5",
        "PMID 31234567 has the results",
        "Between 2010-2015 the rates doubled",
        "We raised 1500000 for the hospice",
        "lot 4488213 recalled",
    ],
)
def test_clinical_and_bibliographic_numbers_are_not_identifiers(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "call 988 or text HOME to 741741",
        "Samaritans are on 116 123, free, any time",
        "In an emergency call 999 or 112; in the US 911",
        "NHS 111 were helpful",
        "the old lifeline 1-800-273-8255",
        "Childline is 0800 1111",
        "Pieta in Ireland: 1800 247 247",
        "the refuge helpline 0808 2000 247",
    ],
)
def test_public_hotlines_are_not_identifiers(text):
    assert found(text) == []


def test_a_freephone_number_belongs_to_an_organisation():
    assert found("the pharmacy's order line is 0800 123 4567") == []


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("I live at 42 Elm Street, come by", "42 Elm Street"),
        ("send it to 14 main rd, galway", "14 main rd"),
        ("come to 8 Acacia Drive", "8 Acacia Drive"),
        ("my postcode is SW1A 1AA", "SW1A 1AA"),
        ("Our eircode is D02 X285", "D02 X285"),
        ("we're in Springfield, IL 62704", "IL 62704"),
        ("PO Box 4512 if you want", "PO Box 4512"),
    ],
)
def test_street_addresses_and_postcodes(text, address):
    assert found(text) == [("street_address", address)]


@pytest.mark.parametrize(
    "text",
    [
        "I walked 3 miles down the road",
        "it's 10 minutes walk from the main street",
        "2 laps of the park",
        "vitamin b12 5mg daily",
        "My GP surgery is on Church Street",
    ],
)
def test_distances_and_streets_without_a_number_are_not_addresses(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("My DOB is 03/14/1962", "03/14/1962"),
        ("date of birth: 12 March 1958", "12 March 1958"),
        ("my son was born on 2 June 2019", "2 June 2019"),
        ("d.o.b. 1985-11-23", "1985-11-23"),
    ],
)
def test_dates_of_birth(text, date):
    assert found(text) == [("date_of_birth", date)]


def test_a_date_without_birth_is_not_a_date_of_birth():
    assert found("my appointment is on 14/02/2025") == []
    assert found("I was born in 1962") == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("my MRN is 4829301", "4829301"),
        ("hospital number: RX4481923", "RX4481923"),
        ("my member ID is XKJ884201193", "XKJ884201193"),
        ("insurance id: W123456789", "W123456789"),
        ("SSN 078-05-1120 on the letter", "078-05-1120"),
        ("PPS number 1234567T", "1234567T"),
        ("my nhs no is 9434765919", "9434765919"),
    ],
)
def test_record_insurance_nhs_and_social_security_numbers(text, value):
    assert found(text) == [("record_number", value)]


def test_the_nhs_number_check_digit():
    assert nhs_number_is_valid("9434765919")
    assert not nhs_number_is_valid("9434765918")
    assert not nhs_number_is_valid("1111111111")
    assert not nhs_number_is_valid("94347659")


def test_a_spaced_nhs_number_is_recognised_by_its_check_digit_alone():
    assert found("it's 401 023 2137 on the letter") == [("record_number", "401 023 2137")]


def test_an_ssn_that_cannot_exist_is_not_a_record_number():
    kinds = {kind for kind, _ in found("000-12-3456")}
    assert "record_number" not in kinds


def test_a_record_cue_beats_the_phone_matcher_reading_the_same_digits():
    assert found("my MRN is 12345678, call 07700 900123") == [
        ("record_number", "12345678"),
        ("phone", "07700 900123"),
    ]


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("email me at jane.doe@example.com", "jane.doe@example.com"),
        ("write to anna.k+forum@example.org please", "anna.k+forum@example.org"),
        ("contact mike dot brennan at gmail dot com", "mike dot brennan at gmail dot com"),
    ],
)
def test_email_addresses_written_plainly_or_spelled_out(text, email):
    assert found(text) == [("email", email)]


@pytest.mark.parametrize(
    "text", ["foo@bar", "follow @clinicalcontext", "look at this dot com site"]
)
def test_handles_and_phrases_are_not_email_addresses(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("My neighbour Mary O'Brien has breast cancer", "Mary O'Brien"),
        ("Ask David Kowalski, he has had Crohn's since childhood", "David Kowalski"),
        ("Emily Carter's son was treated for anorexia", "Emily Carter"),
        ("Does anyone know Sarah Jenkins? She was diagnosed with MS", "Sarah Jenkins"),
    ],
)
def test_a_full_name_next_to_a_condition(text, name):
    assert found(text) == [("name_with_condition", name)]


@pytest.mark.parametrize(
    "text",
    [
        "Sarah Jones came round for tea",  # no condition
        "Dr Sarah Jones explained the diabetes clinic",  # a clinician in their role
        "Is the John Radcliffe good for heart failure?",  # a place
        "Anna and I both have type 1 diabetes",  # a first name alone
        "Sarah Jones came round. We talked about the garden, the dog, the weather. Diabetes.",
    ],
)
def test_names_without_a_condition_about_them_are_not_flagged(text):
    assert found(text) == []


def test_several_kinds_in_one_post_come_back_in_order():
    text = "Chris Doyle has schizophrenia, text 07700 900888 or lou.b@example.com"
    assert [kind for kind, _ in found(text)] == ["name_with_condition", "phone", "email"]


@pytest.fixture
def moderator_terms():
    terms = []

    def source():
        return terms

    register_term_source(source)
    yield terms
    unregister_term_source(source)


def test_moderators_can_add_an_identifier_pattern_without_code(moderator_terms):
    assert found("my hospital card says RVX-88213") == []
    moderator_terms.append(("record_number", "rvx-*"))
    assert found("my hospital card says RVX-88213") == [("record_number", "RVX-88213")]


def test_moderators_can_mark_a_local_number_as_public(moderator_terms):
    text = "the hospice family line is 01632 960983"
    assert found(text) == [("phone", "01632 960983")]
    moderator_terms.append(("public", "01632 960983"))
    assert found(text) == []


def test_registering_the_same_source_twice_counts_it_once(moderator_terms):
    source = lambda: [("record_number", "zzq*")]  # noqa: E731
    register_term_source(source)
    register_term_source(source)
    try:
        assert found("code zzq123") == [("record_number", "zzq123")]
    finally:
        unregister_term_source(source)
    assert found("code zzq123") == []
