"""import_items on a batch: a progress bar on a terminal (or with --progress) and a summary."""

import contextlib
import copy
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.management.commands.import_items import ProgressBar
from articles.models import Article

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"


def batch(tmp_path, count):
    clean, defective = json.loads((FIXTURES / "pipeline-items.json").read_text())
    lines = []
    for index in range(count):
        item = copy.deepcopy(defective if index % 3 == 0 else clean)
        item["external_id"] = f"batch:{index}"
        item["number"] = 5000 + index
        lines.append(json.dumps(item))
    lines.append(json.dumps({"external_id": "batch:broken"}))  # rejected: no fields
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


class Terminal(io.StringIO):
    def isatty(self):
        return True


def run(*args, stderr=None):
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    with contextlib.suppress(SystemExit):
        call_command("import_items", *map(str, args), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_progress_shows_on_request_and_ends_at_the_total(tmp_path):
    out, err = run(batch(tmp_path, 9), "--progress")
    assert "10/10 items, 1 rejected" in err
    assert err.startswith("\r[") and err.endswith("\n")
    assert "\r" not in out  # the bar never mixes with the per-item lines
    assert Article.objects.filter(external_id__startswith="batch:").count() == 9


def test_progress_shows_on_a_terminal_and_not_when_piped(tmp_path):
    path = batch(tmp_path, 3)
    _, piped = run(path)
    assert "items" not in piped
    _, terminal = run(path, stderr=Terminal())
    assert "4/4 items" in terminal


def test_the_summary_counts_statuses_findings_by_kind_and_time(tmp_path):
    out, _ = run(batch(tmp_path, 6), "--quiet")
    lines = out.splitlines()
    assert lines[0] == "6 created, 0 updated, 0 unchanged, 1 rejected"
    assert lines[1].startswith("Findings: ")
    assert "ai_refusal" in lines[1] and "mojibake" in lines[1] and "repaired on import" in lines[1]
    assert lines[2].startswith("2 of 7 item(s) have blocking findings")
    assert lines[3].startswith("Took ") and "items/s" in lines[3]
    assert not any(line.startswith("created") for line in lines)  # --quiet: no per-item lines


def test_without_quiet_every_item_has_its_line_before_the_summary(tmp_path):
    out, _ = run(batch(tmp_path, 2))
    assert out.count("created  ") == 2
    assert out.index("created  ") < out.index("2 created, 0 updated")


def test_the_bar_redraws_at_most_ten_times_a_second_but_always_at_the_end():
    now = [0.0]
    stream = io.StringIO()
    bar = ProgressBar(stream, clock=lambda: now[0])

    class Item:
        status = "created"

    for done in range(1, 101):
        now[0] += 0.001  # a hundred items in a tenth of a second
        bar(done, 100, Item())
    assert stream.getvalue().count("\r") == 2  # the first and the last
    assert "100/100 items" in stream.getvalue()
