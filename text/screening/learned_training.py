"""Train and measure the learned crisis layer (`_learned.py`) from the labelled sets.

    python -m text.screening.learned_training            # leave-one-set-out table
    python -m text.screening.learned_training --write    # retrain learned_model.json

Training is deterministic (counts, sorted features, rounded weights): retraining on the same
sets writes the same file, which a test pins. The threshold is chosen by leave-one-set-out
cross-validation: the lowest margin that keeps pooled out-of-fold false alarms of rules OR
model at or under FALSE_ALARM_BUDGET. Each set's figure in the table comes from a model and a
threshold chosen without that set (nested), so no figure has seen its own texts.
"""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from pathlib import Path

from ._learned import MODEL_PATH, Margin, Model, features
from .crisis import screen_crisis_by_rules
from .kinds import CRISIS_KINDS

SETS_DIR = Path(__file__).resolve().parents[2] / "tests" / "text" / "screening"
FALSE_ALARM_BUDGET = 0.02
SMOOTHING = 0.5
MIN_DOCS = 1
DIGITS = 4


def labelled_sets(directory: Path = SETS_DIR) -> dict[str, list[dict]]:
    """Every *.jsonl set with crisis labels: {set name: [records with a "crisis" key]}."""
    sets = {}
    for path in sorted(directory.glob("*.jsonl")):
        with open(path, encoding="utf-8") as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        records = [r for r in records if "crisis" in r]
        if records:
            sets[path.stem] = records
    return sets


def train_bayes(examples: list[tuple[set[str], str]], classes: list[str]) -> Model:
    """Multinomial naive Bayes over binary features (each feature once per text), smoothed."""
    docs = Counter(label for _, label in examples)
    frequency: Counter = Counter()
    for found, _ in examples:
        frequency.update(found)
    kept = sorted(f for f, n in frequency.items() if n >= MIN_DOCS)
    index = {feature: i for i, feature in enumerate(kept)}
    counts = {label: [0] * len(kept) for label in classes}
    for found, label in examples:
        row = counts[label]
        for feature in found:
            if feature in index:
                row[index[feature]] += 1
    norms = {c: math.log(sum(counts[c]) + SMOOTHING * len(kept)) for c in classes}
    weights = {
        feature: [round(math.log(counts[c][i] + SMOOTHING) - norms[c], DIGITS) for c in classes]
        for i, feature in enumerate(kept)
    }
    total = sum(docs.values())
    priors = [round(math.log(docs[c] / total), DIGITS) if docs[c] else -50.0 for c in classes]
    return Model({"classes": classes, "priors": priors, "weights": weights})


class Corpus:
    """The labelled texts with their features and the rules' verdicts, computed once."""

    def __init__(self, sets: dict[str, list[dict]]):
        self.sets = sets
        self.found = {n: [features(r["text"]) for r in records] for n, records in sets.items()}
        self.rules = {
            n: [screen_crisis_by_rules(r["text"]) for r in records] for n, records in sets.items()
        }

    def train(self, names: list[str]) -> tuple[Margin, Model]:
        crisis, kinds = [], []
        for name in names:
            for record, found in zip(self.sets[name], self.found[name], strict=True):
                crisis.append((found, "crisis" if record["crisis"] else "safe"))
                if record["crisis"]:
                    kinds.append((found, record["crisis_kind"]))
        margin = train_bayes(crisis, ["crisis", "safe"]).as_margin(threshold=0.0)
        return margin, train_bayes(kinds, list(CRISIS_KINDS))

    def choose_threshold(self, names: list[str]) -> float:
        """Leave-one-set-out over `names`: the lowest margin whose pooled out-of-fold
        false alarms (rules OR model) stay within the budget."""
        negatives = []  # margins of safe texts the rules leave alone
        total_negatives = rule_alarms = 0
        for held in names:
            model, _ = self.train([n for n in names if n != held])
            for record, found, rule in zip(
                self.sets[held], self.found[held], self.rules[held], strict=True
            ):
                if record["crisis"]:
                    continue
                total_negatives += 1
                if rule[0].is_crisis:
                    rule_alarms += 1
                elif not rule[1]:
                    negatives.append(model.margin(found))
        allowed = int(FALSE_ALARM_BUDGET * total_negatives) - rule_alarms
        negatives.sort(reverse=True)
        if allowed < 0:
            return math.inf
        if allowed >= len(negatives):
            return -math.inf
        # Strictly above the (allowed+1)-th highest safe margin.
        return round(negatives[allowed] + 10**-DIGITS, DIGITS)

    def shipped(self) -> dict:
        names = sorted(self.sets)
        crisis, kind = self.train(names)
        threshold = self.choose_threshold(names)
        return {
            "crisis": {"prior": crisis.prior, "threshold": threshold, "weights": crisis.weights},
            "kind": {"classes": kind.classes, "priors": kind.priors, "weights": kind.weights},
            "trained_on": names,
        }


def serialise(data: dict) -> str:
    return json.dumps(data, sort_keys=True, separators=(",", ":")) + "\n"


def leave_one_set_out(corpus: Corpus) -> list[dict]:
    """Per set: rules-only, model-only and combined recall / false alarms / kind accuracy,
    the model trained and its threshold chosen on the other sets only."""
    names = sorted(corpus.sets)
    rows = []
    for held in names:
        others = [n for n in names if n != held]
        crisis, kind = corpus.train(others)
        threshold = corpus.choose_threshold(others)
        tallies = {mode: Counter() for mode in ("rules", "learned", "combined")}
        for record, found, rule in zip(
            corpus.sets[held], corpus.found[held], corpus.rules[held], strict=True
        ):
            result, set_aside = rule
            learned = kind.best(found) if crisis.margin(found) >= threshold else None
            verdicts = {
                "rules": result.kind if result.is_crisis else None,
                "learned": learned,
                "combined": result.kind if result.is_crisis else None if set_aside else learned,
            }
            for mode, verdict in verdicts.items():
                _tally(tallies[mode], record, verdict)
        rows.append({"set": held, "threshold": threshold, **tallies})
    return rows


def _tally(tally: Counter, record: dict, verdict: str | None) -> None:
    if record["crisis"]:
        tally["positives"] += 1
        if verdict:
            tally["caught"] += 1
            tally["kind_right"] += verdict == record["crisis_kind"]
    else:
        tally["negatives"] += 1
        tally["alarms"] += verdict is not None


def rates(tally: Counter) -> tuple[float, float, float]:
    """(recall, false-alarm rate, kind accuracy among caught)."""
    recall = tally["caught"] / max(1, tally["positives"])
    false_alarms = tally["alarms"] / max(1, tally["negatives"])
    kind = tally["kind_right"] / max(1, tally["caught"])
    return recall, false_alarms, kind


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| set | rules recall / FA | learned recall / FA | combined recall / FA | kind right |",
        "|---|---|---|---|---|",
    ]
    for row in rows:
        cells = []
        for mode in ("rules", "learned", "combined"):
            recall, fa, _ = rates(row[mode])
            cells.append(f"{recall:.1%} / {fa:.1%}")
        kind = rates(row["combined"])[2]
        lines.append(f"| {row['set']} | " + " | ".join(cells) + f" | {kind:.1%} |")
    return lines


def main(argv: list[str]) -> None:
    corpus = Corpus(labelled_sets())
    if "--write" in argv:
        MODEL_PATH.write_text(serialise(corpus.shipped()), encoding="utf-8")
        print(f"wrote {MODEL_PATH}")
        return
    print("\n".join(table(leave_one_set_out(corpus))))


if __name__ == "__main__":
    main(sys.argv[1:])
