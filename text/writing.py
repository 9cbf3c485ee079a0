"""What a writer is shown while and after writing: the crisis lines when their words say someone
may be in danger now, and a warning listing the personal details found, each highlighted.

Shared by the forum, ask the doctor and the live check (`screen-draft`, clinicalcontext); the
templates are `safety/crisis_resources.html`, `safety/identifier_warning.html` and
`safety/panels.html` (both, in that order). Ground floor: screening, Django's utilities. Nothing
here logs or keeps the text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .screening import CrisisResult, screen_crisis, screen_identifiers
from .screening.resources import crisis_resources_for

CONTEXT = 30  # characters shown either side of a detail found
LABELS = {
    "phone": "Phone number",
    "email": "Email address",
    "street_address": "Street address",
    "date_of_birth": "Date of birth",
    "record_number": "Medical record, insurance or ID number",
    "name_with_condition": "A full name next to a health condition",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    excerpt: SafeString


@dataclass(frozen=True)
class DraftCheck:
    crisis: CrisisResult
    findings: tuple[Finding, ...]

    @property
    def identifier_kinds(self) -> list[str]:
        return sorted({finding.kind for finding in self.findings})


def excerpt(text: str, start: int, end: int, *, context: int = CONTEXT) -> SafeString:
    """`text[start:end]` in a <mark>, with a little of what surrounds it, all escaped."""
    low, high = max(0, start - context), min(len(text), end + context)
    before = ("…" if low else "") + text[low:start]
    after = text[end:high] + ("…" if high < len(text) else "")
    html = f"{escape(before)}<mark>{escape(text[start:end])}</mark>{escape(after)}"
    return mark_safe(" ".join(html.split()))  # noqa: S308 (every part escaped above)


def find_identifiers(text: str) -> tuple[Finding, ...]:
    return tuple(
        Finding(
            match.kind, LABELS.get(match.kind, match.kind), excerpt(text, match.start, match.end)
        )
        for match in screen_identifiers(text)
    )


def check_draft(text: str) -> DraftCheck:
    return DraftCheck(screen_crisis(text), find_identifiers(text))


def panels_context(request, check: DraftCheck, *, offer_post_anyway: bool = False) -> dict:
    """The context `safety/panels.html` renders: the crisis lines (for the reader's country)
    when the crisis screen fired, the identifier findings, and whether to offer "Post anyway"
    (a submitted form; the live check only warns)."""
    return {
        "crisis_resources": crisis_resources_for(request) if check.crisis.is_crisis else None,
        "identifier_findings": check.findings,
        "offer_post_anyway": offer_post_anyway,
    }
