"""Training the gate's learned layer (checks/addressed.py), and measuring it honestly.

A logistic regression per kind (assistant voice, leaked instruction) over the binary features
of checks/addressed.py, fitted by plain stochastic gradient descent in a fixed order, so the
same labelled sets give the same weights byte for byte (a test retrains and compares). The
threshold of each kind is chosen on out-of-fold scores inside the training sets: the lowest
that flags at most 1.5 % of clean texts, so the two kinds together stay at or under 3 %.
`leave_one_set_out` trains without one set and measures on it through the gate's harness.
"""

import json
import math
from collections import Counter

from . import measure, quality
from .checks import addressed

EPOCHS = 12
RATE = 0.2
L2 = 1e-3
MIN_TEXTS = 2  # a feature seen in fewer training texts says nothing general
FOLDS = 5
CLEAN_ALARM_BUDGET = 0.015  # per kind; both together ≤ 3 %
DIGITS = 4


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _fit(rows: list[tuple[list[str], int]]) -> tuple[float, dict[str, float]]:
    seen = Counter(f for found, _ in rows for f in found)
    kept = [([f for f in found if seen[f] >= MIN_TEXTS], label) for found, label in rows]
    positives = sum(label for _, label in rows) or 1
    weight_of = {1: (len(rows) - positives) / positives, 0: 1.0}  # balance the classes
    bias, weights = 0.0, {}
    for epoch in range(EPOCHS):
        rate = RATE / (1 + epoch)
        for found, label in kept:
            z = bias + sum(weights.get(f, 0.0) for f in found)
            step = rate * weight_of[label] * (label - _sigmoid(z))
            bias += step
            for f in found:
                w = weights.get(f, 0.0)
                weights[f] = w + step - rate * L2 * w
    return round(bias, DIGITS), {
        f: round(w, DIGITS) for f, w in sorted(weights.items()) if abs(round(w, DIGITS)) > 0
    }


def _roles() -> dict[str, str]:
    return {t.path: t.role for t in quality.texts_of_payload(measure.BASE_ITEM)}


def _learnable(entry: dict, roles: dict[str, str]) -> bool:
    role = roles.get(entry["field"])
    if role is None:  # a path beyond the base item's lists: same role as its first entry
        head, _, rest = entry["field"].partition(".")
        role = roles.get(".".join([head, "0", *rest.split(".")[1:]]))
    return role in quality.LEARNED_ROLES


def _fit_kinds(entries: list[dict]) -> dict[str, tuple[float, dict[str, float]]]:
    rows = [(sorted(addressed.features(e["text"])), e) for e in entries]
    return {
        kind: _fit([(found, int(kind in e["kinds"])) for found, e in rows])
        for kind in addressed.LEARNED_KINDS
    }


def _threshold(probabilities: list[float]) -> float:
    """The lowest probability cut that flags at most the budget of these clean texts."""
    allowed = int(CLEAN_ALARM_BUDGET * len(probabilities))
    ordered = sorted(probabilities, reverse=True)
    cut = ordered[allowed] if allowed < len(ordered) else 0.0
    return round(max(0.5, cut + 10**-DIGITS), DIGITS)


def train(entries: list[dict]) -> dict:
    """The weights file's content, from labelled entries."""
    roles = _roles()
    entries = [e for e in entries if _learnable(e, roles)]
    clean_scores = {kind: [] for kind in addressed.LEARNED_KINDS}
    for fold in range(FOLDS):
        inside = [e for i, e in enumerate(entries) if i % FOLDS != fold]
        outside = [e for i, e in enumerate(entries) if i % FOLDS == fold and not e["kinds"]]
        trial = _model(_fit_kinds(inside), dict.fromkeys(addressed.LEARNED_KINDS, 1.0))
        for e in outside:
            for kind, (probability, _) in addressed.scores(e["text"], trial).items():
                clean_scores[kind].append(probability)
    fitted = _fit_kinds(entries)
    return {
        "about": "Learned layer of the quality gate: manage.py train_gate (do not edit).",
        "kinds": {
            kind: {
                "bias": bias,
                "threshold": _threshold(clean_scores[kind]),
                "weights": weights,
            }
            for kind, (bias, weights) in fitted.items()
        },
    }


def _model(fitted, thresholds) -> addressed.Model:
    return addressed.Model(
        {
            "kinds": {
                kind: {"bias": bias, "weights": weights, "threshold": thresholds[kind]}
                for kind, (bias, weights) in fitted.items()
            }
        }
    )


def dumps(data: dict) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")) + "\n"


def learned_only(entries: list[dict], trained: addressed.Model) -> measure.Report:
    """The learned layer alone, scored like the harness scores the gate."""
    roles = _roles()
    report = measure.Report(kinds={kind: measure.Score() for kind in quality.KINDS})
    for entry in entries:
        predicted = set()
        if _learnable(entry, roles):
            found = quality.Result()
            addressed.check(entry["field"], entry["text"], found)
            predicted = {f.kind for f in found.findings}
        labelled = set(entry["kinds"])
        for kind in predicted | labelled:
            score = report.kinds[kind]
            if kind in predicted and kind in labelled:
                score.true_positive += 1
            elif kind in predicted:
                score.false_positive += 1
            else:
                score.false_negative += 1
        if labelled:
            report.defective += 1
            report.defective_found += bool(predicted & labelled)
        else:
            report.clean += 1
            report.false_alarms += bool(predicted)
    return report


def leave_one_set_out(sets: dict[str, list[dict]], held: str) -> dict[str, measure.Report]:
    """Train on every set but `held`; measure rules only, learned only and both on `held`."""
    training = [e for name, entries in sets.items() if name != held for e in entries]
    trained = addressed.Model(train(training))
    with addressed.trialled(None):
        rules = measure.measure(sets[held])
    with addressed.trialled(trained):
        combined = measure.measure(sets[held])
        alone = learned_only(sets[held], trained)
    return {"rules only": rules, "learned only": alone, "combined": combined}
