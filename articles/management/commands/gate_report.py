"""manage.py gate_report [FILE ...] [--misses] [--bench]: the quality gate, measured.

Prints per-kind precision and recall of the gate on labelled texts (JSON Lines, see
articles/pipeline/measure.py), for each file and for all together; by default the team's own
sets in tests/articles/pipeline/labelled/. --misses lists what it missed and its false alarms;
--bench times the gate on one 20,000-character item.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.pipeline import measure

DEFAULT_SETS = (
    "tuning.jsonl",
    "held_out.jsonl",
    "held_out_2.jsonl",
    "blind_1.jsonl",
    "blind_2.jsonl",
    "blind_3.jsonl",
    "blind_4.jsonl",
    "blind_5.jsonl",
)


def _percent(value: float | None) -> str:
    return "   —  " if value is None else f"{value * 100:5.1f}%"


class Command(BaseCommand):
    help = "Per-kind precision and recall of the quality gate on labelled texts."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", help="labelled .jsonl files (default: ours)")
        parser.add_argument("--misses", action="store_true", help="list misses and alarms")
        parser.add_argument("--bench", action="store_true", help="time a 20,000-char item")
        parser.add_argument("--repeat", type=int, default=30, help="bench runs (default 30)")

    def handle(self, *args, files, misses, bench, repeat, **options):
        if bench:
            self._bench(repeat)
            if not files:
                return
        paths = [Path(f) for f in files] or [
            Path(settings.BASE_DIR) / "tests/articles/pipeline/labelled" / name
            for name in DEFAULT_SETS
        ]
        missing = [str(p) for p in paths if not p.is_file()]
        if missing:
            raise CommandError(f"No such labelled set: {', '.join(missing)}")
        try:
            sets = {path.name: measure.load([path]) for path in paths}
        except (ValueError, KeyError) as error:
            raise CommandError(f"A labelled set is not valid JSON Lines: {error}") from None
        for name, entries in sets.items():
            self._table(name, measure.measure(entries), misses)
        if len(sets) > 1:
            every = [entry for entries in sets.values() for entry in entries]
            self._table("all sets", measure.measure(every), misses=False)

    def _table(self, name: str, report: measure.Report, misses: bool) -> None:
        out = self.stdout.write
        out(f"\n{name}: {report.defective} defective and {report.clean} clean texts")
        out(f"  {'kind':<22}{'labelled':>9}{'found':>7}{'precision':>11}{'recall':>9}")
        for kind, score in report.kinds.items():
            labelled = score.true_positive + score.false_negative
            found = score.true_positive + score.false_positive
            out(
                f"  {kind:<22}{labelled:>9}{found:>7}{_percent(score.precision):>11}"
                f"{_percent(score.recall):>9}"
            )
        out(
            f"  defective texts found: {report.defective_found}/{report.defective} "
            f"({_percent(report.recall).strip()}); false alarms on clean texts: "
            f"{report.false_alarms}/{report.clean} ({_percent(report.false_alarm_rate).strip()})"
        )
        if misses:
            for label, entries in (("missed", report.misses), ("false alarm", report.alarms)):
                for entry in entries:
                    found = ", ".join(f"{f['kind']}: {f['excerpt'][:40]!r}" for f in entry["found"])
                    out(
                        f"    {label:<11} {entry['where']:<18} {entry['field']:<24} "
                        f"{entry['text'][:60]!r}" + (f"  [{found}]" if found else "")
                    )

    def _bench(self, repeat: int) -> None:
        result = measure.bench(repeat=max(1, repeat))
        self.stdout.write(
            f"gate on one item of {result['characters']:,} characters, {result['runs']} runs: "
            f"median {result['median_ms']:.1f} ms wall clock, {result['median_cpu_ms']:.1f} ms "
            f"CPU (slowest {result['max_ms']:.1f} ms; first run, loading word lists, "
            f"{result['first_ms']:.0f} ms)"
        )
