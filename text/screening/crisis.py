"""`screen_crisis(text)`: does the text tell of the writer or someone near them in danger now?

A danger concept only counts when the sentence around it is about a real, present person: not
negated, not in the past, not a study, a hypothetical, a quotation or a question about signs and
symptoms. Concepts come from two places: the phrase lexicon (`_crisis_lexicon.py`) and the
compositional layer (`_composition.py`: a person + an intent or state frame + a danger class).
When neither finds a live danger, the signals layer (`_signals.py`) looks for danger told in
pieces: a means beside a farewell, a red flag beside its onset, fear of a person beside violence.
When the rules find nothing, a learned layer (`_learned.py`, naive Bayes over word stems and
stem pairs trained on every labelled set) has the last word; its hits name a kind but no spans.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ._composition import composed_candidates
from ._context import _SENTENCE, _is_live, _quotations, _Sentence
from ._crisis_lexicon import CRISIS_CONCEPTS, _Concept
from ._gate import _lowered, _normalise
from ._learned import learned_crisis
from ._signals import signal_candidates
from .kinds import CRISIS_KINDS
from .terms import _extra_patterns


@dataclass(frozen=True)
class CrisisResult:
    """What `screen_crisis` found. `spans` are character offsets of the triggering words."""

    is_crisis: bool
    kind: str | None = None
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class _Hit:
    kind: str
    start: int
    end: int


def _live_hits(text: str, candidates: list) -> list[_Hit]:
    """The candidates the context rules keep: a real person's danger, now."""
    if not candidates:
        return []
    quoted = _quotations(text)
    sentences = [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]
    starts = [start for start, _ in sentences]
    contexts: dict[int, _Sentence] = {}
    hits: list[_Hit] = []
    for concept, match in candidates:
        start, end = match.span()
        quote = next((q for q in quoted if q[0] <= start and end <= q[1]), None)
        if quote and not quote[2]:
            continue
        index = max(0, bisect_right(starts, start) - 1)
        s_start, s_end = sentences[index]
        if index not in contexts:
            previous = text[sentences[index - 1][0] : s_start] if index else ""
            contexts[index] = _Sentence(text[s_start : max(s_end, end)], previous)
        if _is_live(concept, contexts[index], start - s_start, end - s_start, bool(quote)):
            hits.append(_Hit(_kind_of(concept, text, start), start, end))
    return hits


def screen_crisis(text: str) -> CrisisResult:
    """Does `text` tell of the writer or someone near them in danger now? See module docs."""
    if not text:
        return CrisisResult(False)
    result, set_aside = screen_crisis_by_rules(text)
    if result.is_crisis or set_aside:
        return result
    # The rules generalise poorly to writers they were not tuned on; the learned layer reads
    # wording no rule names. Where a rule saw a danger word and the context rules set it
    # aside (negated, past, an idiom, a study), that judgement stands.
    learned = learned_crisis(text)
    return CrisisResult(True, learned) if learned else result


def screen_crisis_by_rules(text: str) -> tuple[CrisisResult, bool]:
    """The rules alone (lexicon, frames, signals, context), and whether they saw a danger
    word and set it aside: what the learned layer is trained beside and measured against."""
    if not text:
        return CrisisResult(False), False
    text = _lowered(_normalise(text))
    memo: dict[str, bool] = {}
    concepts = CRISIS_CONCEPTS + [
        _Concept(kind, rx, "any", aspect="state") for kind, rx in _extra_patterns(CRISIS_KINDS)
    ]
    candidates = [(c, m) for c in concepts for m in c.pattern.finditer(text, memo)]
    # Composition finds new wording; where it and the lexicon meet on the same words, the
    # lexicon's more specific reading (its kind, its subject) holds.
    phrase_spans = [m.span() for _, m in candidates]
    candidates += [
        (c, m)
        for c, m in composed_candidates(text)
        if not any(s < m.span()[1] and m.span()[0] < e for s, e in phrase_spans)
    ]
    hits = _live_hits(text, candidates)
    if not hits:
        # Signals that meet (a means beside a farewell, a red flag beside a sign of now) are
        # read only when no phrase or frame has found a danger: they add recall, never a kind.
        signals = signal_candidates(text)
        hits = _live_hits(text, signals)
        candidates += signals
    if not hits:
        return CrisisResult(False), bool(candidates)
    kind = _dominant_kind(hits)
    spans = tuple(sorted({(h.start, h.end) for h in hits}))
    return CrisisResult(True, kind, spans), False


# When two kinds are named as often, the one that needs an ambulance first wins: pills already
# taken, a body failing, then intent, self-harm and violence.
KIND_PRIORITY = ("overdose", "medical_emergency", "suicide", "self_harm", "abuse")


# An overdose spoken of as a plan ("I'm going to overdose tonight") is suicidal intent; the
# overdose kind is for pills already taken.
_PLANNED = re.compile(
    r"(?:going\s+to|gonna|want\s+to|wanna|planning\s+(?:to|on)|plan\s+to|will|'ll|ready\s+to|"
    r"about\s+to|thinking\s+(?:about|of)|tempted\s+to)\s+(?:\w+\s+)?$"
)


def _kind_of(concept: _Concept, text: str, start: int) -> str:
    if concept.kind == "overdose" and _PLANNED.search(text, max(0, start - 30), start):
        return "suicide"
    return concept.kind


def _dominant_kind(hits: list[_Hit]) -> str:
    """The kind to act on: the most hits, ties broken by KIND_PRIORITY."""
    counts = {kind: 0 for kind in CRISIS_KINDS}
    for hit in hits:
        counts[hit.kind] = counts.get(hit.kind, 0) + 1
    order = {kind: i for i, kind in enumerate(KIND_PRIORITY)}
    return max(counts, key=lambda k: (counts[k], -order.get(k, 99)))
