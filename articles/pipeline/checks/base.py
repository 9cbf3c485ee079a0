"""What every detector shares: field kinds, finding kinds, the Finding record, text helpers."""

import re
from dataclasses import dataclass, field

# Field kinds: what a text is, and so where it may end and which checks apply.
PLAIN = "plain"  # one short line of plain text: alt text, section name, evidence design
TITLE = "title"  # a headline or a title: no full stop expected
NAME = "name"  # a person's name
CREDENTIALS = "credentials"  # "MD, psychiatry"
QUESTION = "question"  # an FAQ question
PROSE = "prose"  # Markdown paragraphs: summary, commentary, FAQ answers, dek
BODY = "body"  # long-form Markdown with ## headings
POINT = "point"  # a list item of plain text: key takeaways (often without a full stop)
CREDIT = "credit"  # an image credit or caption line
REFERENCE = "reference"  # a reference's title or full citation: any language
PUBLISHER = "publisher"  # a publisher's name: any language
URL = "url"  # an address: not prose at all
FOREIGN_OK = REFERENCE  # the old name: reference titles and publishers may be in any language

AI_REFUSAL = "ai_refusal"
LEAKED_INSTRUCTION = "leaked_instruction"
MOJIBAKE = "mojibake"
TRUNCATED = "truncated"
EMPTY_SECTION = "empty_section"
FOREIGN_BOILERPLATE = "foreign_boilerplate"
MISSING_REQUIRED = "missing_required"
KINDS = (
    AI_REFUSAL,
    LEAKED_INSTRUCTION,
    MOJIBAKE,
    TRUNCATED,
    EMPTY_SECTION,
    FOREIGN_BOILERPLATE,
    MISSING_REQUIRED,
)


# The pieces of writing an item is made of: what a writer is told to write, or talks about
# having written ("insert third takeaway", "I've left this takeaway general").
TEXT_NOUN = (
    r"title|headline|hed|dek|standfirst|summary|blurb|caption|alt text|takeaway|commentary"
    r"|answer|faq|draft|version|copy|paragraph|section|intro|lede|piece|wording|bio|reference"
    r"|citation|credit|quote|byline|teaser|tagline|text"
)


@dataclass(frozen=True)
class Text:
    path: str
    value: str | None  # None: the field is absent
    role: str = PLAIN
    required: bool = False  # blank: a missing required part of the item
    entry: bool = False  # part of a list entry (a takeaway, an FAQ answer): blank is empty


@dataclass(frozen=True)
class Finding:
    field: str
    kind: str
    excerpt: str
    blocking: bool = True
    repair: str = ""
    note: str = ""  # what a learned finding is, as there is no matched phrase to show

    def as_dict(self) -> dict:
        data = {
            "field": self.field,
            "kind": self.kind,
            "excerpt": self.excerpt,
            "blocking": self.blocking,
        }
        if self.repair:
            data["repaired"] = self.repair
        if self.note:
            data["note"] = self.note
        return data


@dataclass
class Result:
    repaired: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def blocking(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.blocking]


@dataclass(frozen=True)
class Item:
    """What the detectors know of the item around a field."""

    language: str = "en"  # wordfreq language code of the item's own prose
    script: str = "Latin"  # the item's main script


# Quoted speech and blockquotes: said by someone the item reports on, not by its writer.
_QUOTED = re.compile(
    r"“[^”\n]{0,600}”|\"[^\"\n]{0,600}\"|«[^»\n]{0,600}»|„[^“”\n]{0,600}[“”]"
    r"|「[^」\n]{0,600}」|『[^』\n]{0,600}』"
)
_BLOCKQUOTE = re.compile(r"(?m)^\s*>.*$")


def mask_quotes(value: str) -> str:
    """Quoted speech and blockquotes become spaces (same length, so offsets still hold)."""
    value = value.replace("’", "'").replace("‘", "'")
    value = _QUOTED.sub(lambda m: " " * len(m.group()), value)
    return _BLOCKQUOTE.sub(lambda m: " " * len(m.group()), value)


def word_bounds(value: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and not value[start - 1].isspace():
        start -= 1
    while end < len(value) and not value[end].isspace():
        end += 1
    return start, end


def line_at(value: str, index: int) -> str:
    start = value.rfind("\n", 0, index) + 1
    end = value.find("\n", index)
    return value[start : end if end != -1 else len(value)].strip()


_SENTENCE_END = re.compile(r"[.!?。！？](?=\s|$)|\n")


def sentence_at(value: str, start: int, end: int) -> str:
    """The sentence around a match, exactly as written (at most about 240 characters)."""
    begin = 0
    for boundary in _SENTENCE_END.finditer(value, 0, start):
        begin = boundary.end()
    stop = _SENTENCE_END.search(value, end)
    finish = stop.end() if stop else len(value)
    begin = max(begin, start - 120)
    finish = min(finish, end + 120)
    return value[begin:finish].strip()


_SENTENCE = re.compile(r"[^.!?。！？\n]+(?:[.!?。！？]+[\"'”’)\]]*|\n|$)")


def sentences(value: str):
    """(start, end) of each sentence or line, in order."""
    for match in _SENTENCE.finditer(value):
        if match.group().strip():
            yield match.start(), match.end()


# A citation: authors with initials, "et al", a year with volume and pages, a DOI.
CITATION = re.compile(
    r"\bet al\b|\bdoi\b|\b\d+\s*\(\d+\)\s*:|\b(?:19|20)\d{2}\s*;\s*\d+|\bvol\.|\bpp?\.\s*\d"
    r"|^[\s*+\-\d.)]*[A-Z][\w'’-]+,?\s+[A-Z]{1,3}[.,]",
)
