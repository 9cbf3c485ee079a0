"""Where someone in danger can get help now: the crisis lines shown when `screen_crisis` fires.

Configured per country in the setting `CRISIS_RESOURCES` (a mapping of a country code, or "EU",
to its name and lines; the defaults below when unset), with `CRISIS_RESOURCES_ELSEWHERE_URL`
for everyone else ("Not in these countries?"). The reader's country is guessed from their
browser's languages (`en-GB` -> GB; an EU country without lines of its own -> EU); unknown, every
configured country is shown. Nothing here reads or keeps the text that was screened.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.conf import settings

DEFAULT_CRISIS_RESOURCES = {
    "US": {
        "name": "United States",
        "lines": [
            {"name": "988 Suicide & Crisis Lifeline", "number": "988", "note": "call or text"},
            {"name": "Emergency services", "number": "911"},
        ],
    },
    "GB": {
        "name": "United Kingdom",
        "lines": [
            {"name": "Samaritans", "number": "116 123", "note": "free, day or night"},
            {"name": "Emergency services", "number": "999"},
        ],
    },
    "IE": {
        "name": "Ireland",
        "lines": [
            {"name": "Samaritans", "number": "116 123", "note": "free, day or night"},
            {"name": "Emergency services", "number": "112", "note": "or 999"},
        ],
    },
    "EU": {
        "name": "European Union",
        "lines": [{"name": "Emergency services", "number": "112"}],
    },
}
DEFAULT_ELSEWHERE_URL = "https://findahelpline.com/"
_EU = "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
EU_COUNTRIES = frozenset(_EU.split())
_REGION = re.compile(r"^[a-z]{2,3}[-_]([a-z]{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class CrisisLine:
    name: str
    number: str
    note: str = ""

    @property
    def tel(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.number)


@dataclass(frozen=True)
class CountryLines:
    code: str
    name: str
    lines: tuple[CrisisLine, ...]


@dataclass(frozen=True)
class CrisisResources:
    countries: tuple[CountryLines, ...]  # the reader's country first, when known
    elsewhere_url: str
    country: str | None = None  # the country they were picked for


def _configured() -> dict:
    return getattr(settings, "CRISIS_RESOURCES", None) or DEFAULT_CRISIS_RESOURCES


def _country_lines(code: str, entry: dict) -> CountryLines:
    lines = tuple(
        CrisisLine(line["name"], line["number"], line.get("note", "")) for line in entry["lines"]
    )
    return CountryLines(code, entry.get("name", code), lines)


def crisis_resources(country: str | None = None) -> CrisisResources:
    """The crisis lines to show: `country`'s (an ISO code; an EU country without lines of its own
    gets the EU's) alone when configured, else every configured country."""
    configured = _configured()
    code = (country or "").upper()
    if code not in configured and code in EU_COUNTRIES and "EU" in configured:
        code = "EU"
    if code in configured:
        countries = (_country_lines(code, configured[code]),)
    else:
        code = None
        countries = tuple(_country_lines(c, entry) for c, entry in configured.items())
    elsewhere = getattr(settings, "CRISIS_RESOURCES_ELSEWHERE_URL", None) or DEFAULT_ELSEWHERE_URL
    return CrisisResources(countries, elsewhere, code)


def country_from_accept_language(header: str) -> str | None:
    """The region of the browser's first language that names one (`en-GB,en;q=0.9` -> GB)."""
    for part in (header or "").split(",")[:8]:
        match = _REGION.match(part.strip())
        if match:
            return match.group(1).upper()
    return None


def crisis_resources_for(request) -> CrisisResources:
    """`crisis_resources` for the country the request's browser languages name."""
    return crisis_resources(country_from_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE")))
