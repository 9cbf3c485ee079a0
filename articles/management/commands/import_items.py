"""manage.py import_items PATH|- [--report FILE]: import pipeline items (docs/import-format.md).

Exit codes: 0 every item imported (with or without findings), 1 some item rejected,
2 the input could not be read at all.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from articles.pipeline import importing


class Command(BaseCommand):
    help = (
        "Import content-pipeline items from a JSON file, a JSON Lines file, a folder of such "
        "files, or '-' for standard input. Items land as drafts, checked by the quality gate."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="a .json/.jsonl file, a folder of them, or - for stdin")
        parser.add_argument("--report", metavar="FILE", help="also write a JSON report here")

    def handle(self, *args, path, report=None, **options):
        try:
            entries = importing.read_path(path, stdin=sys.stdin)
        except importing.InputError as error:
            self.stderr.write(self.style.ERROR(f"Cannot read the input: {error}"))
            if report:
                self._write_report(report, {"error": str(error), **importing.Report().as_dict()})
            raise SystemExit(2) from None
        result = importing.import_entries(entries)
        self._print(result)
        if report:
            self._write_report(report, result.as_dict())
        if result.exit_code:
            raise SystemExit(result.exit_code)

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
        counts = result.as_dict()
        self.stdout.write(
            f"{counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['rejected']} rejected"
        )
