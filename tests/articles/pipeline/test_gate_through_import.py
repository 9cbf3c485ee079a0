"""The check that will be run: labelled texts, each in a field of an otherwise clean item,
imported with `import_items --report`; the report's findings are the gate's, by kind."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.pipeline import measure

pytestmark = pytest.mark.django_db
LABELLED = Path(__file__).parent / "labelled" / "held_out_2.jsonl"


def test_the_import_report_names_the_same_defects_as_the_measure(tmp_path):
    entries = measure.load([LABELLED])[::4]  # a quarter of the set, defective and clean
    batch = tmp_path / "batch.jsonl"
    with batch.open("w", encoding="utf-8") as file:
        for index, entry in enumerate(entries):
            item = measure.place(entry["text"], entry["field"])
            item["external_id"] = f"held-out:{index}"
            item["number"] = 7000 + index
            file.write(json.dumps(item, ensure_ascii=False) + "\n")
    report = tmp_path / "report.json"
    try:
        call_command(
            "import_items",
            str(batch),
            "--report",
            str(report),
            "--quiet",
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    except SystemExit as exit_:
        assert exit_.code in (0, None)
    items = json.loads(report.read_text(encoding="utf-8"))["items"]
    assert len(items) == len(entries)
    for entry, item in zip(entries, items, strict=True):
        reported = {f["kind"] for f in item["findings"] if f["field"] == entry["field"]}
        assert reported == {f.kind for f in measure.findings_for(entry)}, entry
        assert not [f for f in item["findings"] if f["field"] != entry["field"]], entry
