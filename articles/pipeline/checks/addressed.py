"""A learned second reading for assistant voice and leaked instructions, OR'd with the rules.

The rules in voice.py and instructions.py name the principle (a sentence joins a speaker or an
addressee to the writing job; an order is addressed to the writer). Fresh texts keep finding
phrasings they do not cover, so a small logistic regression reads the same signals as words:
who is spoken to ("I", "you", "me", "your"), a modal asking for something ("could you", "can
I"), a verb standing first as an order, the nouns of the job ("draft", "paragraph"). It is
trained offline from every labelled gate set (`manage.py train_gate`, articles/pipeline/
training.py) and ships as addressed_weights.json next to the gate; plain Python, no numpy.

A text is read line by line (a long body is many short lines, and the labelled texts are one
field each), quotes and blockquotes masked first, so a quoted patient is not the writer.
"""

import json
import math
import re
from functools import cache
from pathlib import Path

from .base import AI_REFUSAL, LEAKED_INSTRUCTION, MOJIBAKE, Finding, Result, mask_quotes

WEIGHTS = Path(__file__).resolve().parent.parent / "addressed_weights.json"
LEARNED_KINDS = (AI_REFUSAL, LEAKED_INSTRUCTION)

# What the editor's panel says a learned finding is: the model has no phrase to point at.
NOTES = {
    AI_REFUSAL: "Reads as addressed to the person who commissioned the text (learned check).",
    LEAKED_INSTRUCTION: "Reads as an instruction to the writer or editor (learned check).",
}

_WORD = re.compile(r"<cite>|[a-z]+(?:'[a-z]+)?|\d+|[\[\]{}<>:?!]")
_PERSON = {
    "i": "1st",
    "i'm": "1st",
    "i'd": "1st",
    "i'll": "1st",
    "i've": "1st",
    "me": "1st",
    "my": "1st",
    "we": "1st-plural",
    "you": "2nd",
    "your": "2nd",
    "you're": "2nd",
    "you'd": "2nd",
    "you'll": "2nd",
    "you've": "2nd",
}
_MODALS = frozenset({"can", "could", "would", "will", "should", "may", "might", "shall"})
_LINE_SPLIT = re.compile(r"\n+")
# A numbered citation ("[4-6]", "[1, 2]") marks a reference, not a slot left to fill.
_CITATION_MARK = re.compile(r"\[\s*\d[\d,;\s–-]*\]")
_LONGEST_LINE = 600  # a longer line is read in windows of sentences


def features(text: str) -> set[str]:
    """Binary features of one short text: words, word pairs, person, modal+person, first word."""
    tokens = [
        "0" if token.isdigit() else token
        for token in _WORD.findall(
            _CITATION_MARK.sub(" <cite> ", mask_quotes(text)).lower().replace("’", "'")
        )
    ]
    found = set(tokens)
    found.update(f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False))
    words = [t for t in tokens if t[0].isalpha()]
    if words:
        found.add(f"^{words[0]}")
        if len(words) > 1:
            found.add(f"^{words[0]} {words[1]}")
    for a, b in zip(tokens, tokens[1:], strict=False):
        if a in _MODALS and b in _PERSON:
            found.add(f"<modal {_PERSON[b]}>")
    found.update(f"<person {_PERSON[t]}>" for t in tokens if t in _PERSON)
    return found


class Model:
    """Per kind: a bias and a weight per feature (log-odds of the kind against the rest)."""

    def __init__(self, data: dict):
        self.kinds = {
            kind: (float(spec["bias"]), dict(spec["weights"]), float(spec["threshold"]))
            for kind, spec in data["kinds"].items()
        }

    def probability(self, kind: str, found: set[str]) -> float:
        bias, weights, _ = self.kinds[kind]
        z = bias + math.fsum([weights[f] for f in found if f in weights])  # order-free
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def threshold(self, kind: str) -> float:
        return self.kinds[kind][2]


_override: list[Model] = []


@cache
def _shipped() -> Model | None:
    if not WEIGHTS.is_file():
        return None
    return Model(json.loads(WEIGHTS.read_text(encoding="utf-8")))


def model() -> Model | None:
    """The model in use: the shipped weights, loaded on first use, unless one is trialled."""
    return _override[-1] if _override else _shipped()


class trialled:
    """`with trialled(model): ...` — measure a model trained on other sets (cross-validation)."""

    def __init__(self, trial: Model | None):
        self.trial = trial

    def __enter__(self):
        _override.append(self.trial)
        return self.trial

    def __exit__(self, *exc):
        _override.pop()


def pieces(value: str):
    """The stretches the model reads: each line, a long line in windows of sentences."""
    for line in _LINE_SPLIT.split(value):
        line = line.strip()
        if not line:
            continue
        if len(line) <= _LONGEST_LINE:
            yield line
            continue
        window = ""
        for sentence in re.split(r"(?<=[.!?])\s+", line):
            if window and len(window) + len(sentence) > _LONGEST_LINE:
                yield window
                window = ""
            window = f"{window} {sentence}".strip()
        if window:
            yield window


def scores(value: str, trained: Model) -> dict[str, tuple[float, str]]:
    """Per learned kind: the highest probability over the text's pieces, and that piece."""
    best = {kind: (0.0, "") for kind in trained.kinds}
    for piece in pieces(value):
        found = features(piece)
        for kind in trained.kinds:
            probability = trained.probability(kind, found)
            if probability > best[kind][0]:
                best[kind] = (probability, piece)
    return best


def check(path: str, value: str, result: Result) -> None:
    """Add the learned finding of a kind the rules did not already name on this field."""
    trained = model()
    if trained is None:
        return
    named = {f.kind for f in result.findings if f.field == path and f.blocking}
    if named & {*LEARNED_KINDS, MOJIBAKE}:
        return  # the rules named it (one finding is enough), or the words are garbled
    best = scores(value, trained)
    over = [
        (probability - trained.threshold(kind), kind, piece)
        for kind, (probability, piece) in best.items()
        if probability >= trained.threshold(kind)
    ]
    if over:
        _, kind, piece = max(over)
        result.findings.append(Finding(path, kind, piece, note=NOTES[kind]))
