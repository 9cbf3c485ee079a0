"""The crisis lines shown when someone may be in danger: per country, from the settings."""

from text.screening.resources import (
    country_from_accept_language,
    crisis_resources,
)


def _numbers(resources):
    return {(c.code, line.number) for c in resources.countries for line in c.lines}


def test_defaults_cover_the_us_uk_ireland_and_the_eu():
    numbers = _numbers(crisis_resources())
    assert {("US", "988"), ("US", "911"), ("GB", "116 123"), ("GB", "999")} <= numbers
    assert {("IE", "116 123"), ("IE", "112"), ("EU", "112")} <= numbers
    assert crisis_resources().elsewhere_url.startswith("https://")


def test_a_known_country_gets_its_own_lines_and_an_eu_country_the_eus():
    assert [c.code for c in crisis_resources("gb").countries] == ["GB"]
    assert [c.code for c in crisis_resources("DE").countries] == ["EU"]
    assert len(crisis_resources("JP").countries) == 4  # unknown: all of them
    assert crisis_resources("JP").country is None


def test_lines_dial_their_digits():
    samaritans = crisis_resources("GB").countries[0].lines[0]
    assert samaritans.tel == "tel:116123"


def test_settings_replace_the_lines(settings):
    settings.CRISIS_RESOURCES = {
        "NZ": {"name": "New Zealand", "lines": [{"name": "Need to talk?", "number": "1737"}]}
    }
    settings.CRISIS_RESOURCES_ELSEWHERE_URL = "https://example.org/help"
    resources = crisis_resources("NZ")
    assert _numbers(resources) == {("NZ", "1737")}
    assert resources.elsewhere_url == "https://example.org/help"


def test_the_country_comes_from_the_browsers_languages():
    assert country_from_accept_language("en-GB,en;q=0.9") == "GB"
    assert country_from_accept_language("en,fr-FR;q=0.5") == "FR"
    assert country_from_accept_language("en") is None
    assert country_from_accept_language("") is None
    assert country_from_accept_language(None) is None
