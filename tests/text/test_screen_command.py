"""`manage.py screen`: JSON Lines in, one verdict per line out, malformed lines named."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command


def run(path, capsys):
    call_command("screen", str(path))
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def test_one_verdict_per_line_in_input_order(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_text(
        json.dumps({"id": 1, "text": "I want to kill myself tonight, ring 07700 900123"})
        + "\n"
        + json.dumps({"id": "two", "text": "BP 120/80 on 5/325 mg, see NCT04280705"})
        + "\n",
        encoding="utf-8",
    )
    assert run(path, capsys) == [
        {"id": 1, "crisis": True, "crisis_kind": "suicide", "identifiers": ["phone"]},
        {"id": "two", "crisis": False, "crisis_kind": None, "identifiers": []},
    ]


def test_identifier_kinds_are_sorted_and_unique(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    text = "email a@example.com or b@example.com, or call 07700 900123 or 07700 900124"
    path.write_text(json.dumps({"id": 9, "text": text}), encoding="utf-8")
    assert run(path, capsys)[0]["identifiers"] == ["email", "phone"]


def test_reads_standard_input_with_a_dash(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(b'{"id": 5, "text": "my dad is not breathing"}\n'))
    monkeypatch.setattr(sys, "stdin", stdin)
    call_command("screen", "-")
    [verdict] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert verdict == {
        "id": 5,
        "crisis": True,
        "crisis_kind": "medical_emergency",
        "identifiers": [],
    }


def test_malformed_lines_get_an_error_line_and_the_command_fails(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        b'{"id": 1, "text": "fine"}\n'
        b"not json at all\n"
        b"[1, 2]\n"
        b'{"text": "no id"}\n'
        b'{"id": 4, "text": 42}\n'
        b"\xff\xfe\n"
        b"\n"
        b'{"id": 7, "text": "still screened after the bad lines"}\n'
    )
    with pytest.raises(CommandError, match="5 malformed line"):
        call_command("screen", str(path))
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out[0]["id"] == 1
    assert [line.get("line") for line in out[1:6]] == [2, 3, 4, 5, 6]
    assert out[1]["error"].startswith("not JSON")
    assert "object" in out[2]["error"]
    assert out[3]["error"] == 'missing "id"'
    assert out[4]["error"] == '"text" must be a string'
    assert "UTF-8" in out[5]["error"]
    assert out[6]["id"] == 7


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("screen", str(tmp_path / "nope.jsonl"))


def test_run_as_a_program_it_exits_non_zero_without_a_traceback(tmp_path):
    import subprocess

    path = tmp_path / "in.jsonl"
    path.write_text("{broken\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "manage.py", "screen", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"DJANGO_SETTINGS_MODULE": "clinicalcontext.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "malformed" in result.stderr
    assert json.loads(result.stdout)["line"] == 1
