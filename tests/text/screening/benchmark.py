"""How long screening takes on a 5,000-character post. Not a test: timings live in benchmarks.

    .venv/bin/python tests/text/screening/benchmark.py

Two posts: an ordinary long one (a carer's update with doses, readings, dates and one phone
number), and a worst case stitched from every labelled text, dense with danger words and numbers.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinicalcontext.settings.test")

import django  # noqa: E402

django.setup()

from text.screening import screen_crisis, screen_identifiers  # noqa: E402
from text.screening.identifiers import _phone_numbers_in  # noqa: E402

PARAGRAPH = (
    "Quick update on Mum for everyone who asked. The new consultant changed her tablets again: "
    "bisoprolol 2.5 mg in the morning, atorvastatin 20 mg at night, and the 5/325 mg painkiller "
    "only when her hip is bad. Her blood pressure has settled, 132/84 this morning and 128/80 "
    "last night, and the HbA1c came back at 52 mmol/mol, which the nurse said is fine for her "
    "age. We read the article about the trial (NCT04280705, results published 2023-06-14) and "
    "it made us feel better about the statin. She still gets tired in the afternoons and naps "
    "in her chair, and the district nurse comes on Tuesdays. "
)
ORDINARY = (PARAGRAPH * 12)[:4950] + " Ring me on 07700 900123."


def stitched() -> str:
    texts = []
    for name in ("crisis.jsonl", "identifiers.jsonl"):
        with open(HERE / name, encoding="utf-8") as handle:
            texts += [json.loads(line)["text"] for line in handle if line.strip()]
    return " ".join(texts)[:5000]


def per_call_ms(function, text, repeats=200) -> float:
    """CPU time per call (process time, so that other work on a shared machine does not
    count), median of five rounds. The phone-number cache is emptied before every call so
    that repeating the same post does not flatter the figure."""
    function(text)  # compiled patterns and phone metadata load once per process
    runs = []
    for _ in range(5):
        spent = 0.0
        for _ in range(repeats // 5):
            _phone_numbers_in.cache_clear()
            start = time.process_time()
            function(text)
            spent += time.process_time() - start
        runs.append(spent / (repeats // 5) * 1000)
    return statistics.median(runs)


def main():
    for label, text in (("ordinary post", ORDINARY), ("worst case", stitched())):
        crisis = per_call_ms(screen_crisis, text)
        identifiers = per_call_ms(screen_identifiers, text)
        print(
            f"{label:14} {len(text):5} chars  crisis {crisis:6.2f} ms  "
            f"identifiers {identifiers:6.2f} ms  both {crisis + identifiers:6.2f} ms"
        )


if __name__ == "__main__":
    main()
