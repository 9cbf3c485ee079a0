"""Moderator-added terms: the hook through which a higher floor (the moderation app) extends
both screens without code. This module imports nothing from the project above it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache

from ._gate import _Gated

# (kind, phrase). kind is a crisis kind, an identifier kind or "public". A phrase is plain
# words (case and spacing do not matter); a trailing `*` on a word matches any ending
# ("overdos*" matches "overdosed"). Phrases are never regular expressions, so nothing a
# moderator types can make screening slow or break it.
ExtraTerm = tuple[str, str]
_term_sources: list[Callable[[], Iterable[ExtraTerm]]] = []


def register_term_source(source: Callable[[], Iterable[ExtraTerm]]) -> None:
    """Add a callable that returns extra `(kind, phrase)` terms; it is called on every screen,
    so it should be cheap (cache its rows). Registering the same callable twice is a no-op."""
    if source not in _term_sources:
        _term_sources.append(source)


def unregister_term_source(source: Callable[[], Iterable[ExtraTerm]]) -> None:
    if source in _term_sources:
        _term_sources.remove(source)


def _extra_terms() -> tuple[ExtraTerm, ...]:
    terms = []
    for source in _term_sources:
        for kind, phrase in source() or ():
            if isinstance(kind, str) and isinstance(phrase, str) and phrase.strip():
                terms.append((kind, phrase.strip()))
    return tuple(terms)


def _phrase_pattern(phrase: str) -> str:
    words = []
    for word in phrase.split():
        stem = word.endswith("*")
        word = re.escape(word.rstrip("*"))
        words.append(word + (r"[\w'-]*" if stem else ""))
    return r"\b" + r"[\s\-]+".join(words) + (r"" if phrase.endswith("*") else r"(?![\w])")


@lru_cache(maxsize=32)
def _compiled_extra(terms: tuple[ExtraTerm, ...]) -> tuple[tuple[str, _Gated], ...]:
    return tuple((kind, _Gated(_phrase_pattern(phrase.lower()))) for kind, phrase in terms)


def _extra_patterns(kinds: Iterable[str]) -> list[tuple[str, _Gated]]:
    wanted = set(kinds)
    return [(kind, rx) for kind, rx in _compiled_extra(_extra_terms()) if kind in wanted]
