"""The screens measured on our own labelled sets (tests/text/screening/*.jsonl), against the
targets: at least 95 % of dangers and identifiers caught, at most 10 % false alarms.
`manage.py screen FILE --measure` prints the same figures per kind."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command

from clinicalcontext.management.commands.screen import Measurement, screen_record

SETS = Path(__file__).parent / "screening"
RECALL_TARGET = 0.95
FALSE_ALARM_LIMIT = 0.10


def measure(name):
    measurement = Measurement()
    with open(SETS / name, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                measurement.add(record, screen_record(record))
    print("\n".join(measurement.report()))
    return measurement


def labelled(name):
    with open(SETS / name, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.mark.parametrize(
    ("name", "key"), [("crisis.jsonl", "crisis"), ("identifiers.jsonl", "identifiers")]
)
def test_each_labelled_set_is_big_enough_and_mostly_hard_negatives(name, key):
    records = labelled(name)
    negatives = [r for r in records if not r[key]]
    hard = [r for r in negatives if r.get("note") not in (None, "other")]
    assert len(records) >= 200
    assert len(hard) >= 0.4 * len(records) or len(negatives) >= 0.4 * len(records)
    assert len({r["id"] for r in records}) == len(records)


def test_crisis_screen_meets_its_targets_on_our_set():
    tally = measure("crisis.jsonl").crisis
    assert tally.recall >= RECALL_TARGET
    assert tally.false_alarm_rate <= FALSE_ALARM_LIMIT
    assert 1 - tally.precision <= FALSE_ALARM_LIMIT


def test_identifier_screen_meets_its_targets_on_our_set():
    measurement = measure("identifiers.jsonl")
    tally = measurement.identifiers
    assert tally.recall >= RECALL_TARGET
    assert tally.false_alarm_rate <= FALSE_ALARM_LIMIT
    assert 1 - tally.precision <= FALSE_ALARM_LIMIT
    for kind, per_kind in measurement.identifier_kinds.items():
        assert per_kind.recall >= RECALL_TARGET, kind


def test_measure_prints_precision_and_recall_per_kind(capsys):
    call_command("screen", str(SETS / "crisis.jsonl"), "--measure")
    out = capsys.readouterr().out
    assert "crisis screen" in out
    for kind in ("any danger", "suicide", "self_harm", "overdose", "medical_emergency", "abuse"):
        assert f"  {kind}" in out
    assert "recall" in out and "precision" in out and "false alarms" in out


def test_measure_names_misses_by_id_and_never_prints_the_text(tmp_path, capsys):
    path = tmp_path / "set.jsonl"
    lines = [
        {
            "id": "a",
            "text": "I want to kill myself tonight",
            "crisis": True,
            "crisis_kind": "suicide",
        },
        {"id": "b", "text": "hello there", "crisis": True, "crisis_kind": "suicide"},
        {"id": "c", "text": "call 07700 900123", "identifiers": []},
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    call_command("screen", str(path), "--measure")
    out = capsys.readouterr().out
    assert "missed: b" in out
    assert "false alarms: c" in out
    assert "hello there" not in out and "07700" not in out
    assert "recall  50.0% (1/2)" in out


# Sets once held out and since tuned on (round 7, blind sets v2 to v4, see docs/safety.md):
# they are tuning sets now, and are held to the targets so that later changes do not undo what
# they taught. v5 is the held-out set: measured for the docs, never held to a target here.
@pytest.mark.parametrize(
    "name",
    ["crisis_heldout_round7.jsonl", "heldout_v2.jsonl", "heldout_v3.jsonl", "heldout_v4.jsonl"],
)
def test_both_screens_meet_their_targets_on_the_sets_they_were_since_tuned_on(name):
    measurement = measure(name)
    for tally in (measurement.crisis, measurement.identifiers):
        assert tally.recall >= RECALL_TARGET
        assert tally.false_alarm_rate <= FALSE_ALARM_LIMIT
