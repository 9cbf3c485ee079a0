"""The learned layer of the crisis screen: a naive Bayes model over word stems and stem pairs,
OR'd with the rules in `crisis.py`.

Why: the rules catch nearly all of the sets they were tuned on but well under half of crisis
texts on fresh sets; a model over words generalises from every labelled set at once instead of
from the phrasing of one. It is trained offline (`python -m text.screening.learned_training
--write`) from the labelled sets in tests/text/screening/ and shipped as `learned_model.json`,
read on the first call only. Standard library only: web workers stay small and import fast.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from ._composition import stem
from ._gate import _lowered, _normalise

MODEL_PATH = Path(__file__).with_name("learned_model.json")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[.!?;:,\n]")
# A negation word marks the stems after it, up to the next clause break, so that "not going to
# hurt myself" and "going to hurt myself" are different evidence.
_NEGATORS = frozenset(
    ("not", "no", "never", "nobody", "nothing", "without", "dont", "didnt", "wont", "cant",
     "isnt", "wasnt", "doesnt", "havent", "wouldnt", "nor")
)  # fmt: skip
_BREAKS = frozenset(".!?;:,\n")


def features(text: str) -> set[str]:
    """The stems and adjacent stem pairs of `text`, negated ones marked with "!" (a set: each
    feature counts once per text)."""
    text = _lowered(_normalise(text))
    stems: list[str] = []
    negated = False
    for token in _TOKEN.findall(text):
        if token in _BREAKS:
            negated = False
            stems.append("|")
            continue
        word = token.replace("'", "")
        if word in _NEGATORS or word.endswith("nt") and token.endswith("n't"):
            negated = True
            stems.append(word)
            continue
        stems.append(("!" if negated else "") + stem(word))
    found = {s for s in stems if s != "|"}
    found.update(f"{a} {b}" for a, b in zip(stems, stems[1:], strict=False) if "|" not in (a, b))
    return found


class Model:
    """Per-class log priors and per-feature log likelihoods (a feature the model never saw
    adds nothing to any class)."""

    def __init__(self, data: dict):
        self.classes: list[str] = data["classes"]
        self.priors: list[float] = data["priors"]
        self.weights: dict[str, list[float]] = data["weights"]

    def scores(self, found: set[str]) -> list[float]:
        totals = list(self.priors)
        for feature in found:
            row = self.weights.get(feature)
            if row:
                for i, weight in enumerate(row):
                    totals[i] += weight
        return totals

    def best(self, found: set[str]) -> str:
        totals = self.scores(found)
        return self.classes[max(range(len(totals)), key=totals.__getitem__)]

    def as_margin(self, threshold: float) -> Margin:
        """The two-class model as one weight per feature: log-odds of the first class."""
        weights = {}
        for feature, (first, second) in self.weights.items():
            if round(first - second, 4):
                weights[feature] = round(first - second, 4)
        return Margin(round(self.priors[0] - self.priors[1], 4), weights, threshold)


class Margin:
    """A binary naive Bayes model folded to log-odds: prior + the weights of the features
    present; at or over `threshold` the text reads as a crisis."""

    def __init__(self, prior: float, weights: dict[str, float], threshold: float):
        self.prior = prior
        self.weights = weights
        self.threshold = threshold

    def margin(self, found: set[str]) -> float:
        weights = self.weights
        return self.prior + sum(weights.get(feature, 0.0) for feature in found)


@cache
def _shipped() -> tuple[Margin, Model]:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    crisis = data["crisis"]
    return Margin(crisis["prior"], crisis["weights"], crisis["threshold"]), Model(data["kind"])


def learned_crisis(text: str) -> str | None:
    """The crisis kind the shipped model reads in `text`, or None below its threshold."""
    crisis, kind = _shipped()
    found = features(text)
    if crisis.margin(found) < crisis.threshold:
        return None
    return kind.best(found)
