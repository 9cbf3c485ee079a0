"""The speed-up must not change a result: a gated pattern finds exactly what the plain pattern
finds, on every labelled text (the gate reads each pattern's required words from the pattern)."""

import json
from pathlib import Path

import pytest

from text.screening import _context, _crisis_lexicon, crisis, identifiers
from text.screening._composition import COMPOSED_FRAMES, canonical
from text.screening._crisis_lexicon import CRISIS_CONCEPTS
from text.screening._gate import _at_word_start, _Gated, _lowered, _normalise

SETS = Path(__file__).parent / "screening"


def texts():
    found = []
    for path in sorted(SETS.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            found += [json.loads(line)["text"] for line in handle if line.strip()]
    return found


def gated_patterns():
    patterns = [concept.pattern for concept in CRISIS_CONCEPTS]
    for module in (_crisis_lexicon, _context, crisis, identifiers):
        patterns += [value for value in vars(module).values() if isinstance(value, _Gated)]
    return patterns


def plain_spans(gated, text):
    return [
        m.span()
        for m in gated.rx.finditer(text)
        if not gated.word_start or _at_word_start(text, m.start())
    ]


def test_every_crisis_pattern_has_required_words_to_gate_on():
    ungated = [c.pattern.rx.pattern for c in CRISIS_CONCEPTS if c.pattern.factors is None]
    assert len(ungated) <= 2, ungated


@pytest.mark.parametrize("case", ["lowered", "original"])
def test_gated_and_plain_patterns_agree_on_every_labelled_text(case):
    corpus = texts()
    assert len(corpus) > 400
    for raw in corpus:
        text = _normalise(raw)
        text = _lowered(text) if case == "lowered" else text
        memo = {}
        for gated in gated_patterns():
            assert [m.span() for m in gated.finditer(text, memo)] == plain_spans(gated, text), (
                gated.rx.pattern[:60]
            )


def test_required_words_are_read_from_the_pattern():
    assert _Gated(r"\b(?:kill|end)(?:ing)?\s+myself\b").factors == frozenset({"myself"})
    assert _Gated(r"\bchest\s+pain").factors == frozenset({"chest"})
    assert _Gated(r"\b(?:a|b)\s+\d+").factors is None  # nothing certain: the pattern always runs


def test_gated_composition_frames_find_what_their_plain_patterns_find():
    for raw in texts():
        words = canonical(_lowered(_normalise(raw))).text
        memo = {}
        for frame in COMPOSED_FRAMES:
            gated = frame.rx
            assert [m.span() for m in gated.finditer(words, memo)] == plain_spans(gated, words)
