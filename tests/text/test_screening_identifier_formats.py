"""Identifier formats from many places (UK, Irish, US, EU and other international phones; emails
with tags and subdomains; US, UK and Irish addresses; dates of birth in several forms; record,
insurance and social-security numbers) and the clinical and public numbers that are not
identifiers."""

import pytest

from text.screening import screen_identifiers

FOUND = [
    ("phone", "call +61 2 9876 5432 (Sydney)"),
    ("phone", "my mobile +91 98765 43210"),
    ("phone", "ring +44.20.7946.0018"),
    ("phone", "tel: 020 7946 0018"),
    ("phone", "my number 07700-900-456"),
    ("phone", "text 0871234567"),
    ("phone", "+1 (415) 555 2671"),
    ("phone", "ph: 01 234 5678 (Dublin landline)"),
    ("phone", "+34 612 34 56 78 spanish mobile"),
    ("phone", "cell 415.555.2671"),
    ("email", "mail JOHN.DOE@EXAMPLE.COM"),
    ("email", "reach me: jane+nhs@mail.hospital.example.co.uk"),
    ("email", "mary_o'neill@example.ie"),
    ("email", "jdoe at gmail dot com"),
    ("street_address", "I live at 42 Wallaby Way, Sydney"),
    ("street_address", "Flat 2B, 10 Downing St"),
    ("street_address", "Unit 5, 33 Harbour Rd, Howth, Dublin 13, D13 X2Y4"),
    ("street_address", "apt. 12, 500 Fifth Avenue, NY 10110"),
    ("street_address", "postcode SW1A 1AA"),
    ("street_address", "24 the Crescent, Bath BA1 2LR"),
    ("street_address", "come to 5 Mill Lane"),
    ("date_of_birth", "DOB: 01-Jan-1950"),
    ("date_of_birth", "born on the 3rd of July 1948"),
    ("date_of_birth", "D.O.B 1950/01/31"),
    ("date_of_birth", "date of birth 31.01.50"),
    ("date_of_birth", "my birthday is 4th March 1990"),
    ("date_of_birth", "b. 12 Feb 1961"),
    ("date_of_birth", "born March 1972 in Leeds"),
    ("date_of_birth", "dob 3/7/48"),
    ("record_number", "NHS no: 9434765919"),
    ("record_number", "MRN# 123-456-78"),
    ("record_number", "my policy number is ABC 123 456 789"),
    ("record_number", "social security number 078-05-1120"),
    ("record_number", "PPS 1234567TA"),
    ("record_number", "Medicaid ID 12345678A"),
    ("record_number", "hospital no. K123456"),
    ("record_number", "CHI number 0101501234"),
    ("record_number", "insurance member ID W123456789"),
]

NOT_IDENTIFIERS = [
    "Paracetamol 500 mg, max 4 g/day",
    "BP 150/95 at 10:30",
    "eGFR 45 mL/min/1.73m2",
    "cholesterol 5.2 mmol/L",
    "The trial ran 2019-2021 (NCT01234567)",
    "ISRCTN 98765432",
    "PMID: 31234567",
    "doi 10.1001/jama.2020.1234",
    "See you on 12/03/2026 at the clinic",
    "scan booked for 3 March 2026",
    "my appointment is on the 4th of July",
    "Samaritans 116 123",
    "call 111 or 999",
    "988 Suicide & Crisis Lifeline",
    "Childline 0800 1111",
    "Pieta 1800 247 247",
    "it cost £1,250.00",
    "$12,345",
    "between 8:00 and 17:30",
    "in 1998 I had surgery",
    "a 12.5% increase",
    "I was born in 1950",
    "born prematurely at 32 weeks",
    "she was born with a hole in the heart",
    "2 x 500mg tablets 4 times a day",
    "Dose: 0.5 ml/kg",
    "platelets 250 x10^9/L",
    "Ward 12, bed 4",
    "HbA1c 53, down from 64 in 2023",
    "version 2.3.1",
    "ICD-10 F32.1",
    "my room number is 214",
    "we walked 10 miles down the road",
    "page 123 of the leaflet",
    "temperature 38.5 C",
]


@pytest.mark.parametrize(("kind", "text"), FOUND)
def test_each_format_is_found_as_its_kind(kind, text):
    assert kind in {match.kind for match in screen_identifiers(text)}, text


@pytest.mark.parametrize("text", NOT_IDENTIFIERS)
def test_clinical_public_and_everyday_numbers_are_not_identifiers(text):
    assert screen_identifiers(text) == [], text


def test_a_dotted_international_number_is_highlighted_whole():
    [match] = screen_identifiers("ring +44.20.7946.0018 after six")
    assert (match.kind, match.text) == ("phone", "+44.20.7946.0018")


def test_a_date_of_birth_written_with_a_month_name_is_highlighted():
    [match] = screen_identifiers("DOB: 01-Jan-1950")
    assert (match.kind, match.text) == ("date_of_birth", "01-Jan-1950")
