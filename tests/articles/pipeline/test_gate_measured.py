"""The gate, measured on our labelled sets: it finds ≥ 95 % of defective texts and raises
false alarms on ≤ 5 % of clean ones, each text placed in a field of an otherwise clean item."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.pipeline import measure, quality

LABELLED = Path(__file__).parent / "labelled"
SETS = [
    "tuning.jsonl",
    "held_out.jsonl",
    "held_out_2.jsonl",
    "blind_1.jsonl",
    "blind_2.jsonl",
    "blind_3.jsonl",
    "blind_4.jsonl",
]
# Written after the last change to the checks and never tuned on: its figures estimate the
# gate on texts nobody on the team wrote (docs/articles.md records them as measured).
HELD_OUT = "blind_5.jsonl"


def entries(name):
    return measure.load([LABELLED / name])


def test_the_base_item_the_texts_are_placed_in_is_clean():
    assert quality.inspect(quality.texts_of_payload(measure.BASE_ITEM)).findings == []


def test_the_tuning_set_is_big_enough_and_covers_every_kind_and_many_fields():
    tuning = entries("tuning.jsonl")
    counts = measure.kind_counts(tuning)
    assert len(tuning) >= 250
    assert counts["clean"] >= 100
    assert all(counts[kind] >= 5 for kind in quality.KINDS)
    assert len({entry["field"] for entry in tuning}) >= 15


@pytest.mark.parametrize("name", SETS)
def test_the_gate_finds_95_percent_of_defects_with_at_most_5_percent_false_alarms(name):
    report = measure.measure(entries(name))
    assert report.recall >= 0.95, [m["text"] for m in report.misses]
    assert report.false_alarm_rate <= 0.05, [m["text"] for m in report.alarms]


@pytest.mark.parametrize("name", SETS)
def test_every_kind_is_found_with_high_precision(name):
    report = measure.measure(entries(name))
    for kind, score in report.kinds.items():
        if score.true_positive + score.false_positive:
            assert score.precision >= 0.85, (kind, score)


def test_measure_counts_a_finding_of_the_wrong_kind_as_a_miss_and_a_false_positive():
    report = measure.measure(
        [{"field": "summary", "text": "Relief came fastโwithin a day.", "kinds": ["truncated"]}]
    )
    assert report.defective_found == 0
    assert report.kinds["mojibake"].false_positive == 1
    assert report.kinds["truncated"].false_negative == 1


def test_gate_report_prints_a_table_per_set_and_for_all(tmp_path):
    out = io.StringIO()
    call_command("gate_report", stdout=out)
    text = out.getvalue()
    assert "tuning.jsonl:" in text and "held_out.jsonl:" in text and "all sets:" in text
    for kind in quality.KINDS:
        assert kind in text
    assert "defective texts found:" in text


def test_gate_report_lists_misses_of_a_given_set(tmp_path):
    labelled = tmp_path / "mine.jsonl"
    labelled.write_text(
        json.dumps({"field": "title", "text": "A calm headline", "kinds": ["ai_refusal"]}) + "\n"
    )
    out = io.StringIO()
    call_command("gate_report", str(labelled), "--misses", stdout=out)
    assert "defective texts found: 0/1" in out.getvalue()
    assert "missed" in out.getvalue() and "A calm headline" in out.getvalue()


def test_gate_report_refuses_a_missing_or_broken_set(tmp_path):
    with pytest.raises(CommandError, match="No such labelled set"):
        call_command("gate_report", str(tmp_path / "nope.jsonl"))
    broken = tmp_path / "broken.jsonl"
    broken.write_text("{not json\n")
    with pytest.raises(CommandError, match="not valid JSON Lines"):
        call_command("gate_report", str(broken))


def test_gate_report_bench_prints_the_timing():
    out = io.StringIO()
    call_command("gate_report", "--bench", "--repeat", "1", stdout=out)
    assert "20," in out.getvalue() or "21," in out.getvalue()
    assert "ms CPU" in out.getvalue()


def test_the_untouched_held_out_set_is_measured_per_kind_without_false_alarms(capsys):
    report = measure.measure(entries(HELD_OUT))
    print(
        f"{HELD_OUT}: {report.defective_found}/{report.defective} defective found, "
        f"{report.false_alarms}/{report.clean} false alarms"
    )
    for kind, score in report.kinds.items():
        print(f"  {kind:20} precision {score.precision} recall {score.recall}")
    assert report.defective >= 50 and report.clean >= 30
    assert report.false_alarm_rate <= 0.05, [m["text"] for m in report.alarms]
    # Below the 95 % target (docs/articles.md says by how much); this guards against losing more.
    assert report.recall >= 0.70, [m["text"] for m in report.misses]
