"""Identifiers as people write them when they mean to be found: a person introduced before
their name, an address after "we live at", an Eircode in lower case, an email with spaces
around the @. Probe texts written for each principle, none copied from a labelled set."""

import pytest

from text.screening import screen_identifiers

FOUND = [
    ("name_with_condition", "my brother Tadhg Byrne has schizophrenia and lives alone"),
    ("name_with_condition", "I'm Nkechi Obi and I have sickle cell disease"),
    ("name_with_condition", "my aunt sarah quinlan was just diagnosed with myeloma"),
    ("name_with_condition", "our son Mateo Rossi has cerebral palsy"),
    ("name_with_condition", "my dad Brian Keane has motor neurone disease"),
    ("street_address", "you can come by 12 willow bend way any evening"),
    ("street_address", "we live at 4 the green, ranelagh"),
    ("street_address", "post it to me, h91 e2k3 galway"),
    ("email", "write to paddy.k @ gmail.com"),
    ("email", "i'm on jo_b@ outlook.com"),
]

NOT_FOUND = [
    "I'm Type 2 Diabetic and proud",
    "I'm Very Anxious about my MS appointment",
    "My husband Has Stage 3 Cancer",
    "my friend at work has lupus too",
    "I'm Irish and have MS",
    "I'm Living With Crohns",
    "my mum Mary has dementia",
    "I'm Newly Diagnosed with MS",
    "I'm in 2 minds about the green tea for my arthritis",
    "we live at the end of a long lane so the ambulance took ages",
    "I'm Emma, 34, diabetic",
    "i take vitamin d3 1000iu and b12 1000mcg",
    "the d15 bus was late again",
    "i'm at 3 weeks post op, back in work on the 14th",
    "the consultant said my son jack has mild asthma",
]


@pytest.mark.parametrize(("kind", "text"), FOUND)
def test_identifiers_as_people_write_them_are_found(kind, text):
    assert kind in {m.kind for m in screen_identifiers(text)}, text


@pytest.mark.parametrize("text", NOT_FOUND)
def test_look_alikes_are_not_identifiers(text):
    assert screen_identifiers(text) == [], text


def test_a_spelled_email_with_spelled_dots_and_a_country_domain_is_found():
    found = screen_identifiers("mail me on lena (dot) vogt (at) web (dot) de please")
    assert [m.kind for m in found] == ["email"]


def test_a_person_named_in_the_sentence_where_their_diagnosis_is_told_is_found():
    found = screen_identifiers("My uncle Kwame Mensah was diagnosed on Monday.")
    assert [m.kind for m in found] == ["name_with_condition"]


def test_the_person_a_condition_is_named_after_is_history_not_a_member():
    assert screen_identifiers("Crohn's disease is named after Burrill Crohn, 1932.") == []


def test_opening_hours_are_not_a_phone_number():
    assert screen_identifiers("The pharmacy is open 9.00-17.30 and 10.00-13.00 Saturdays.") == []


def test_an_email_with_a_bracketed_at_and_a_real_domain_is_found():
    found = screen_identifiers("drop me a line, sam.t[at]hotmail.co.uk")
    assert [m.kind for m in found] == ["email"]
