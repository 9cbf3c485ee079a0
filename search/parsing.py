"""What a person typed into the search box, as words, phrases and words to leave out.

One parser for both databases, so that both understand the same things: plain words (all must
match), "quoted phrases", and -words or -"phrases" to exclude. Everything else a search engine
might read as syntax (brackets, `*`, `^`, `:`, AND/OR/NEAR, a lone quote) is treated as text: only
runs of letters and digits ever reach the database, which the backends then quote or escape
again, so nothing typed can become FTS5 or tsquery syntax.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .stopwords import STOPWORDS

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# Terms of a question typed into "Ask a clinician": the first few meaningful words suffice.
MAX_ANY_TERMS = 24

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
_WORD = re.compile(r"\w+")


class QueryError(ValueError):
    """The text cannot be searched; the message says what to change."""


@dataclass(frozen=True)
class ParsedQuery:
    words: tuple[str, ...] = ()
    phrases: tuple[tuple[str, ...], ...] = ()
    excluded: tuple[tuple[str, ...], ...] = ()  # words or phrases (one-word phrases are words)
    match_any: bool = False
    highlight_words: tuple[str, ...] = field(default=(), compare=False)

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.phrases


def clean(text: str) -> str:
    """The query with control characters refused and spacing normalised (NFKC)."""
    if any(unicodedata.category(ch) == "Cc" and ch not in "\t\n\r" for ch in text):
        raise QueryError("Remove the control characters (such as NUL) from your search.")
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _words(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORD.findall(text))


def parse(text: str) -> ParsedQuery:
    """A search as typed into the box: every word must match."""
    text = clean(text)
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"Search for at most {MAX_QUERY_LENGTH} characters (this is {len(text)}).")
    words: list[str] = []
    phrases: list[tuple[str, ...]] = []
    excluded: list[tuple[str, ...]] = []
    for match in _TOKEN.finditer(text):
        quoted_minus, quoted, plain_minus, plain = match.groups()
        minus = bool(quoted_minus or plain_minus)
        parts = _words(quoted if quoted is not None else plain)
        if len(parts) == 1 and not minus:
            # PostgreSQL ignores stop words; SQLite would match them everywhere. Drop them on both.
            # (`covid-19` or `5/325` are read as a phrase of their parts, on both databases.)
            parts = tuple(w for w in parts if w not in STOPWORDS)
        if not parts:
            continue
        if minus:
            excluded.append(parts)
        elif len(parts) == 1:
            words.append(parts[0])
        else:
            phrases.append(parts)
    words = list(dict.fromkeys(words))
    if len(words) + len(phrases) + len(excluded) > MAX_TERMS:
        raise QueryError(f"Use at most {MAX_TERMS} words or phrases.")
    query = ParsedQuery(
        words=tuple(words),
        phrases=tuple(dict.fromkeys(phrases)),
        excluded=tuple(dict.fromkeys(excluded)),
    )
    if query.is_empty:
        if excluded:
            raise QueryError("Add a word to search for, not only words to leave out.")
        raise QueryError("Type a word or two to search for.")
    return query


def parse_any(text: str) -> ParsedQuery:
    """A question being written: any of its meaningful words may match, best matches first.
    Never refuses: text that has nothing to search for gives an empty query."""
    try:
        text = clean(text)
    except QueryError:
        text = "".join(ch for ch in text if unicodedata.category(ch) != "Cc")
    words = [w for w in _words(text) if w not in STOPWORDS and len(w) > 1]
    return ParsedQuery(words=tuple(dict.fromkeys(words))[:MAX_ANY_TERMS], match_any=True)
