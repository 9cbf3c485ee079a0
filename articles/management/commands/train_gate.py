"""manage.py train_gate [--evaluate]: retrain the gate's learned layer from the labelled sets.

Writes articles/pipeline/addressed_weights.json from every labelled gate set (the same sets
give the same file). --evaluate instead trains without each blind set in turn and prints, for
that set, what rules only, the learned layer only and both together found (leave one set out).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from articles.management.commands.gate_report import DEFAULT_SETS
from articles.pipeline import measure, quality, training
from articles.pipeline.checks import addressed

# Clean texts the unit tests pin as hard negatives (tests/articles/pipeline/test_quality.py):
# the learned layer trains on them too, so they are no evidence of how it generalises.
TRAINING_ONLY = ("hard_negatives.jsonl",)
HELD_OUT = ("blind_1.jsonl", "blind_2.jsonl", "blind_3.jsonl", "blind_4.jsonl", "blind_5.jsonl")
SHOWN_KINDS = (quality.AI_REFUSAL, quality.LEAKED_INSTRUCTION)


def labelled_sets() -> dict[str, list[dict]]:
    folder = Path(settings.BASE_DIR) / "tests/articles/pipeline/labelled"
    return {name: measure.load([folder / name]) for name in (*DEFAULT_SETS, *TRAINING_ONLY)}


def _cell(found: int, of: int) -> str:
    return f"{found}/{of} ({found / of * 100:.1f} %)" if of else "—"


class Command(BaseCommand):
    help = "Retrain the quality gate's learned layer, or measure it leaving one set out."

    def add_arguments(self, parser):
        parser.add_argument("--evaluate", action="store_true", help="leave-one-set-out table")

    def handle(self, *args, evaluate, **options):
        sets = labelled_sets()
        if evaluate:
            self._evaluate(sets)
            return
        data = training.train([e for entries in sets.values() for e in entries])
        addressed.WEIGHTS.write_text(training.dumps(data), encoding="utf-8")
        self.stdout.write(
            f"Wrote {addressed.WEIGHTS.name}: "
            + ", ".join(
                f"{kind} {len(spec['weights'])} weights, threshold {spec['threshold']}"
                for kind, spec in data["kinds"].items()
            )
        )

    def _evaluate(self, sets) -> None:
        out = self.stdout.write
        out("| held-out set | layer | defective found | false alarms | voice | instructions |")
        out("| --- | --- | --- | --- | --- | --- |")
        totals = {}
        for held in HELD_OUT:
            for layer, report in training.leave_one_set_out(sets, held).items():
                kinds = [report.kinds[k] for k in SHOWN_KINDS]
                row = [
                    (report.defective_found, report.defective),
                    (report.false_alarms, report.clean),
                    *((s.true_positive, s.true_positive + s.false_negative) for s in kinds),
                ]
                total = totals.setdefault(layer, [(0, 0)] * len(row))
                totals[layer] = [(a + c, b + d) for (a, b), (c, d) in zip(total, row, strict=True)]
                out(f"| {held} | {layer} | " + " | ".join(_cell(*c) for c in row) + " |")
        for layer, row in totals.items():
            out(f"| **all five** | {layer} | " + " | ".join(_cell(*c) for c in row) + " |")
