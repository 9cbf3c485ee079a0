"""manage.py import_items PATH|- [--report FILE] [--progress] [--quiet]: import pipeline items
(docs/import-format.md).

A progress bar goes to standard error when it is a terminal (or with --progress); standard
output gets one line per item (not with --quiet) and a summary: counts by status, findings by
kind, items held back by blocking findings, and the time taken.

Exit codes: 0 every item imported (with or without findings), 1 some item rejected,
2 the input could not be read at all.
"""

import json
import sys
import time
from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from articles.pipeline import importing


class ProgressBar:
    """One line on a terminal, redrawn at most ten times a second (and at the end)."""

    WIDTH = 30

    def __init__(self, stream, *, clock=time.monotonic):
        self.stream = stream
        self.clock = clock
        self.started = clock()
        self.drawn_at = None
        self.rejected = 0

    def __call__(self, done: int, total: int, item_report) -> None:
        self.rejected += item_report.status == "rejected"
        now = self.clock()
        if done < total and self.drawn_at is not None and now - self.drawn_at < 0.1:
            return
        self.drawn_at = now
        filled = self.WIDTH * done // total if total else self.WIDTH
        elapsed = now - self.started
        rate = done / elapsed if elapsed > 0 else 0.0
        left = f", about {(total - done) / rate:.0f} s left" if rate and done < total else ""
        rejected = f", {self.rejected} rejected" if self.rejected else ""
        self.stream.write(
            f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {done}/{total} items"
            f"{rejected} ({rate:.1f}/s{left})\033[K"
        )
        if done == total:
            self.stream.write("\n")
        self.stream.flush()


class Command(BaseCommand):
    help = (
        "Import content-pipeline items from a JSON file, a JSON Lines file, a folder of such "
        "files, or '-' for standard input. Items land as drafts, checked by the quality gate."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .json/.jsonl file, a folder of them, or - for stdin")
        parser.add_argument("--report", metavar="FILE", help="also write a JSON report here")
        parser.add_argument(
            "--progress",
            action="store_true",
            help="draw the progress bar on standard error even when it is not a terminal",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="print only the summary, not a line per item"
        )

    def handle(self, *args, path, report=None, progress=False, quiet=False, **options):
        started = time.monotonic()
        try:
            entries = importing.read_path(path, stdin=sys.stdin)
        except importing.InputError as error:
            self.stderr.write(self.style.ERROR(f"Cannot read the input: {error}"))
            if report:
                self._write_report(report, {"error": str(error), **importing.Report().as_dict()})
            raise SystemExit(2) from None
        bar = None
        if progress or self._is_terminal(self.stderr):
            bar = ProgressBar(self.stderr)
        result = importing.import_entries(entries, progress=bar)
        if not quiet:
            self._print(result)
        self._summary(result, time.monotonic() - started)
        if report:
            self._write_report(report, result.as_dict())
        if result.exit_code:
            raise SystemExit(result.exit_code)

    @staticmethod
    def _is_terminal(stream) -> bool:
        target = getattr(stream, "_out", stream)  # Django's OutputWrapper keeps the stream
        return bool(getattr(target, "isatty", None) and target.isatty())

    def _write_report(self, path: str, data: dict) -> None:
        try:
            with open(path, "w", encoding="utf-8") as file:
                json.dump(data, file, ensure_ascii=False, indent=2)
                file.write("\n")
        except OSError as error:
            raise CommandError(f"Cannot write the report to {path}: {error.strerror}") from None

    def _print(self, result: importing.Report) -> None:
        style = {
            "created": self.style.SUCCESS,
            "updated": self.style.SUCCESS,
            "unchanged": str,
            "rejected": self.style.ERROR,
        }
        for item in result.items:
            label = f"#{item.number} " if item.number else ""
            blocking = sum(1 for f in item.findings if f["blocking"])
            summary = (
                f"{len(item.findings)} finding(s), {blocking} blocking"
                if item.findings
                else "no findings"
            )
            if item.status == "rejected":
                summary = f"{len(item.errors)} error(s)"
            self.stdout.write(
                style[item.status](f"{item.status:<9}")
                + f" {item.external_id or '(no external_id)'}  {label}{item.title[:60]}  {summary}"
            )
            for error in item.errors:
                self.stdout.write(f"    error    {error['field'] or '(item)'}: {error['message']}")
            for finding in item.findings:
                tag = (
                    "BLOCKING"
                    if finding["blocking"]
                    else "repaired"
                    if "repaired" in finding
                    else "note"
                )
                excerpt = finding["excerpt"].replace("\n", " ")
                if len(excerpt) > 90:
                    excerpt = excerpt[:87] + "..."
                line = f"    {tag:<8} {finding['kind']} in {finding['field']}: “{excerpt}”"
                if "repaired" in finding:
                    line += f" → “{finding['repaired']}”"
                self.stdout.write(line)

    def _summary(self, result: importing.Report, seconds: float) -> None:
        counts = result.as_dict()
        total = len(result.items)
        self.stdout.write(
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['rejected']} rejected"
        )
        kinds = Counter(f["kind"] for item in result.items for f in item.findings)
        repaired = sum(1 for item in result.items for f in item.findings if not f["blocking"])
        held = sum(1 for item in result.items if any(f["blocking"] for f in item.findings))
        if kinds:
            by_kind = ", ".join(f"{n} {kind}" for kind, n in kinds.most_common())
            self.stdout.write(f"Findings: {by_kind} ({repaired} repaired on import)")
            self.stdout.write(
                f"{held} of {total} item(s) have blocking findings: fix them in the admin "
                "before they can be published"
            )
        else:
            self.stdout.write("Findings: none")
        rate = f", {total / seconds:.1f} items/s" if seconds > 0 and total else ""
        self.stdout.write(f"Took {seconds:.1f} s for {total} item(s){rate}")
