"""Text helpers shared by both screens: offset-keeping normalisation, and `_Gated`, a pattern
that only runs where its required words occur (the speed-up that keeps a 5,000-character post
under a few milliseconds)."""

from __future__ import annotations

import re
from pathlib import Path

# The regular-expression parser, read once per pattern to find its required words (see _Gated).
from re import _constants as _sre
from re import _parser as _sre_parser

# Curly quotes and apostrophes become straight ones; every replacement is one character for one,
# so offsets in the normalised text are offsets in the original.
_NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})


def _normalise(text: str) -> str:
    return text.translate(_NORMALISE)


def _lowered(text: str) -> str:
    """Lowercase with offsets kept: the few characters whose lowercase is longer stay as
    they are."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _at_word_start(text: str, index: int) -> bool:
    return index == 0 or not (text[index - 1].isalnum() or text[index - 1] == "_")


_DIGITS = re.compile(r"\d+")
# How far a match may reach either side of the word that anchors it.
GATE_WINDOW = 120


class _Gated:
    """A pattern that only looks where it could match. Every match of a lexicon phrase
    contains one of a few literal pieces, read from the pattern itself (as code-search engines
    do): the text is searched for those pieces with plain substring search, and the pattern
    runs only in a window around each one. Patterns about numbers (`digits=True`) run only
    around digits. A leading \\b is dropped and checked on each match instead, so that the
    regex engine can skip ahead to possible first characters. Most posts hold none of a
    lexicon's pieces, so most patterns cost a few substring searches."""

    __slots__ = ("rx", "factors", "word_start", "digits")

    def __init__(self, pattern: str, flags: int = 0, *, digits: bool = False):
        self.word_start = pattern.startswith(r"\b")
        if self.word_start:
            pattern = pattern[2:]
        self.rx = re.compile(pattern, flags)
        self.factors = None if digits else _required_factors(pattern, flags)
        self.digits = digits

    def finditer(self, text: str, memo: dict):
        for lo, hi in self._windows(text, memo):
            for match in self.rx.finditer(text, lo, hi):
                if not self.word_start or _at_word_start(text, match.start()):
                    yield match

    def _windows(self, text: str, memo: dict) -> list[tuple[int, int]]:
        if self.factors is None and not self.digits:
            return [(0, len(text))]
        key = ("windows", self.factors)  # patterns anchored alike share their windows
        if key not in memo:
            memo[key] = self._merged_windows(text, memo)
        return memo[key]

    def _merged_windows(self, text: str, memo: dict) -> list[tuple[int, int]]:
        if self.digits:
            anchors = _anchors(text, memo, None)
        else:
            anchors = sorted(a for factor in self.factors for a in _anchors(text, memo, factor))
        windows: list[list[int]] = []
        for start, end in anchors:
            lo, hi = max(0, start - GATE_WINDOW), min(len(text), end + GATE_WINDOW)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = max(windows[-1][1], hi)
            else:
                windows.append([lo, hi])
        return [(lo, hi) for lo, hi in windows]


def _anchors(text: str, memo: dict, factor: str | None) -> list[tuple[int, int]]:
    """Where `factor` (or, for None, a run of digits) occurs; remembered for the call."""
    if factor in memo:
        return memo[factor]
    if factor is None:
        found = [m.span() for m in _DIGITS.finditer(text)]
    else:
        found, index = [], text.find(factor)
        while index != -1:
            found.append((index, index + len(factor)))
            index = text.find(factor, index + 1)
    memo[factor] = found
    return found


def _required_factors(pattern: str, flags: int) -> frozenset[str] | None:
    """Literal strings of which every match contains at least one, or None if unknown."""
    if flags & re.IGNORECASE:
        return None
    try:
        factors = _factors_of(_sre_parser.parse(pattern, flags))
    except (re.error, TypeError, ValueError):
        return None
    return frozenset(factors) if factors else None


def _factors_of(items) -> set[str] | None:
    best: set[str] | None = None
    run: list[str] = []

    def consider(candidate):
        nonlocal best
        if candidate and (best is None or _factor_score(candidate) > _factor_score(best)):
            best = candidate

    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if len(run) >= 2:
            consider({"".join(run)})
        run = []
        if op is _sre.SUBPATTERN:
            consider(_factors_of(av[3]))
        elif op is _sre.BRANCH:
            alternatives = [_factors_of(alternative) for alternative in av[1]]
            if all(alternatives):
                consider(set().union(*alternatives))
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
            consider(_factors_of(av[2]))
    if len(run) >= 2:
        consider({"".join(run)})
    return best


def _factor_score(factors: set[str]) -> tuple[int, int]:
    return min(len(f) for f in factors), -len(factors)


_HERE = Path(__file__).resolve().parent


def _words(name: str) -> frozenset[str]:
    """A word list kept as data next to this module: whitespace-separated, `#` starts a comment."""
    text = (_HERE / name).read_text(encoding="utf-8")
    return frozenset(word for line in text.splitlines() for word in line.split("#")[0].split())


def _lines(name: str) -> tuple[str, ...]:
    """A list of phrases kept as data next to this module: one a line, `#` starts a comment."""
    text = (_HERE / name).read_text(encoding="utf-8")
    lines = (" ".join(line.split("#")[0].split()) for line in text.splitlines())
    return tuple(line for line in lines if line)
