"""Screen JSON Lines texts for crisis language and personal identifiers, or measure the screens.

    manage.py screen PATH            # or "-" for standard input
    manage.py screen PATH --measure  # the lines also carry labels: print precision and recall

Each input line is `{"id": ..., "text": "..."}`; each output line is
`{"id", "crisis", "crisis_kind", "identifiers"}` (identifier kinds sorted, unique). A malformed
line gets `{"line": N, "error": "..."}` in its place, the other lines are still screened, and the
command exits non-zero. With --measure, lines labelled like the output (`"crisis"`,
`"crisis_kind"`, `"identifiers"`) are compared with what the screens say; texts are never
printed, only ids, since real posts may be health information.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError

from text.screening import CRISIS_KINDS, IDENTIFIER_KINDS, screen_crisis, screen_identifiers


class MalformedLine(ValueError):
    pass


def parse_line(raw: bytes) -> dict:
    """One input line as a record, or MalformedLine saying what is wrong with it."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise MalformedLine(f"not UTF-8 text (byte {error.start})") from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedLine(f"not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(record, dict):
        raise MalformedLine('expected an object like {"id": 1, "text": "..."}')
    if "id" not in record:
        raise MalformedLine('missing "id"')
    if not isinstance(record.get("text"), str):
        raise MalformedLine('"text" must be a string')
    return record


def screen_record(record: dict) -> dict:
    crisis = screen_crisis(record["text"])
    identifiers = sorted({match.kind for match in screen_identifiers(record["text"])})
    return {
        "id": record["id"],
        "crisis": crisis.is_crisis,
        "crisis_kind": crisis.kind,
        "identifiers": identifiers,
    }


@dataclass
class Tally:
    """Counts for one yes/no question asked of many texts."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    true_negative: int = 0
    missed: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    def add(self, *, expected: bool, found: bool, record_id) -> None:
        if expected and found:
            self.true_positive += 1
        elif found:
            self.false_positive += 1
            self.false_alarms.append(record_id)
        elif expected:
            self.false_negative += 1
            self.missed.append(record_id)
        else:
            self.true_negative += 1

    @property
    def total(self) -> int:
        return self.true_positive + self.false_positive + self.false_negative + self.true_negative

    @property
    def recall(self) -> float:
        positives = self.true_positive + self.false_negative
        return self.true_positive / positives if positives else 1.0

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def false_alarm_rate(self) -> float:
        """False alarms among the texts that should not have been flagged."""
        negatives = self.false_positive + self.true_negative
        return self.false_positive / negatives if negatives else 0.0

    def line(self, name: str) -> str:
        positives = self.true_positive + self.false_negative
        negatives = self.false_positive + self.true_negative
        return (
            f"  {name:<20} recall {self.recall:6.1%} ({self.true_positive}/{positives})"
            f"  precision {self.precision:6.1%}"
            f"  false alarms {self.false_alarm_rate:5.1%} ({self.false_positive}/{negatives})"
        )


@dataclass
class Measurement:
    """Precision and recall of both screens over labelled records."""

    crisis: Tally = field(default_factory=Tally)
    crisis_kinds: dict = field(default_factory=lambda: {k: Tally() for k in CRISIS_KINDS})
    crisis_kind_right: int = 0
    identifiers: Tally = field(default_factory=Tally)
    identifier_kinds: dict = field(default_factory=lambda: {k: Tally() for k in IDENTIFIER_KINDS})

    def add(self, record: dict, result: dict) -> None:
        rid = record["id"]
        if "crisis" in record:
            expected = bool(record["crisis"])
            self.crisis.add(expected=expected, found=result["crisis"], record_id=rid)
            for kind, tally in self.crisis_kinds.items():
                tally.add(
                    expected=expected and record.get("crisis_kind") == kind,
                    found=result["crisis_kind"] == kind,
                    record_id=rid,
                )
            if expected and result["crisis_kind"] == record.get("crisis_kind"):
                self.crisis_kind_right += 1
        if "identifiers" in record:
            expected_kinds = set(record["identifiers"] or ())
            found_kinds = set(result["identifiers"])
            self.identifiers.add(
                expected=bool(expected_kinds), found=bool(found_kinds), record_id=rid
            )
            for kind, tally in self.identifier_kinds.items():
                tally.add(expected=kind in expected_kinds, found=kind in found_kinds, record_id=rid)

    def report(self) -> list[str]:
        lines = []
        if self.crisis.total:
            dangers = self.crisis.true_positive + self.crisis.false_negative
            lines.append(f"crisis screen: {self.crisis.total} texts")
            lines.append(self.crisis.line("any danger"))
            for kind, tally in self.crisis_kinds.items():
                lines.append(tally.line(kind))
            lines.append(f"  kind right for {self.crisis_kind_right}/{dangers} dangers")
            lines.append(_ids("  missed", self.crisis.missed))
            lines.append(_ids("  false alarms", self.crisis.false_alarms))
        if self.identifiers.total:
            lines.append(f"identifier screen: {self.identifiers.total} texts")
            lines.append(self.identifiers.line("any identifier"))
            for kind, tally in self.identifier_kinds.items():
                lines.append(tally.line(kind))
            lines.append(_ids("  missed", self.identifiers.missed))
            lines.append(_ids("  false alarms", self.identifiers.false_alarms))
        return lines


def _ids(label: str, ids: list) -> str:
    return f"{label}: {', '.join(str(i) for i in ids) if ids else 'none'}"


class Command(BaseCommand):
    help = (
        'Screen JSON Lines {"id", "text"} for crisis language and personal identifiers; '
        "writes one JSON line per input. --measure compares with labels in the input."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help='a .jsonl file, or "-" for standard input')
        parser.add_argument(
            "--measure",
            action="store_true",
            help="print precision and recall against the labels in the input instead",
        )

    def handle(self, *args, path, measure, **options):
        measurement = Measurement()
        malformed = 0
        for number, raw in enumerate(self._lines(path), start=1):
            if not raw.strip():
                continue
            try:
                record = parse_line(raw)
            except MalformedLine as error:
                malformed += 1
                self.stdout.write(json.dumps({"line": number, "error": str(error)}))
                continue
            result = screen_record(record)
            if measure:
                measurement.add(record, result)
            else:
                self.stdout.write(json.dumps(result, ensure_ascii=False))
        if measure:
            for line in measurement.report():
                self.stdout.write(line)
        if malformed:
            raise CommandError(f"{malformed} malformed line(s); see the error lines above.")

    def _lines(self, path):
        if path == "-":
            yield from sys.stdin.buffer
            return
        try:
            with open(path, "rb") as handle:
                yield from handle
        except OSError as error:
            raise CommandError(f"cannot read {path}: {error.strerror}") from None
