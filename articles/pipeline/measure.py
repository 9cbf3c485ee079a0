"""Measuring the quality gate on labelled texts (`manage.py gate_report`, and a test).

A labelled text is one JSON line: {"field": "image.credit", "text": "...", "kinds": [...]}
(no kinds: the text is clean). Each is placed in that field of an otherwise clean item — as the
pipeline would deliver it — and the gate's findings on that field are compared with the labels:
per kind, precision (of the findings of that kind, how many were right) and recall (of the
texts with that defect, how many were found); overall, how many defective texts got a finding
of a right kind, and how many clean texts got any finding (false alarms).
"""

import copy
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from . import quality

# A clean item of our own; every labelled text is tried in one of its fields.
BASE_ITEM = {
    "external_id": "gate-report:base",
    "section": {
        "slug": "clinical-context",
        "name": "Clinical Context",
        "blurb": "New research, read by the clinicians who will use it.",
    },
    "title": "A nightly nasal spray cut migraine days in a year-long trial",
    "dek": "Four hundred adults, a placebo spray, and two fewer bad days a month on average.",
    "summary": (
        "Adults who had at least eight migraine days a month used either a nasal spray or a "
        "placebo spray every night for a year. Those on the active spray had about two fewer "
        "migraine days a month by the end, and most side effects were a stuffy nose."
    ),
    "commentary": {
        "text": (
            "Two fewer migraine days a month is a meaningful change for people who lose a "
            "quarter of their month to attacks. The trial was long and well blinded, which is "
            "rare in this field. I would still wait for the full safety data before suggesting "
            "it to patients who already take several preventive medicines."
        ),
        "clinician": {"name": "Dr. Ines Halvorsen", "credentials": "MD, neurology"},
    },
    "key_takeaways": [
        "The spray reduced migraine days by about two a month.",
        "Side effects were mostly mild and nasal.",
    ],
    "body": (
        "## How the trial worked\n\nParticipants kept a headache diary on their phones and "
        "used the spray at bedtime.\n\n## What it means\n\nA larger trial comparing the spray "
        "with existing preventive drugs has started."
    ),
    "faq": [
        {
            "question": "Can I use the spray with my current migraine tablets?",
            "answer": "In the trial most people kept their usual treatment; ask your doctor.",
        }
    ],
    "references": [
        {
            "title": "Nightly intranasal prevention of migraine: a randomised trial",
            "url": "https://journal.example.org/migraine-spray",
            "publisher": "Journal of Headache Research",
        }
    ],
    "source": {
        "publisher": "health-desk.example.org",
        "url": "https://health-desk.example.org/migraine-spray-trial",
    },
    "image": {
        "url": "https://images.example.org/nasal-spray.jpg",
        "credit": "Photo: Unsplash",
        "alt": "A hand holding a small nasal spray bottle",
    },
    "evidence": {"design": "randomised controlled trial", "size": 400},
    "provenance": {"method": "Written by the content pipeline and reviewed by the clinician."},
}


@dataclass
class Score:
    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float | None:
        found = self.true_positive + self.false_positive
        return self.true_positive / found if found else None

    @property
    def recall(self) -> float | None:
        labelled = self.true_positive + self.false_negative
        return self.true_positive / labelled if labelled else None


@dataclass
class Report:
    kinds: dict[str, Score] = field(default_factory=dict)
    defective: int = 0
    defective_found: int = 0
    clean: int = 0
    false_alarms: int = 0
    misses: list[dict] = field(default_factory=list)  # defective texts with no right finding
    alarms: list[dict] = field(default_factory=list)  # clean texts with a finding
    wrong: list[dict] = field(default_factory=list)  # findings of a kind not labelled

    @property
    def recall(self) -> float:
        return self.defective_found / self.defective if self.defective else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.clean if self.clean else 0.0


def load(paths) -> list[dict]:
    entries = []
    for path in paths:
        for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                entry = json.loads(line)
                entry["where"] = f"{Path(path).name}:{number}"
                entries.append(entry)
    return entries


def place(text: str, path: str, base: dict | None = None) -> dict:
    """The base item with `text` standing in the field at the dotted `path`."""
    item = copy.deepcopy(base or BASE_ITEM)
    *parents, last = path.split(".")
    target = item
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target.setdefault(part, {})
    if isinstance(target, list):
        target[int(last)] = text
    else:
        target[last] = text
    return item


def findings_for(entry: dict) -> list[quality.Finding]:
    item = place(entry["text"], entry["field"])
    result = quality.inspect(quality.texts_of_payload(item))
    return [f for f in result.findings if f.field == entry["field"]]


def measure(entries: list[dict]) -> Report:
    report = Report(kinds={kind: Score() for kind in quality.KINDS})
    for entry in entries:
        found = findings_for(entry)
        predicted = {f.kind for f in found}
        labelled = set(entry["kinds"])
        for kind in predicted | labelled:
            score = report.kinds[kind]
            if kind in predicted and kind in labelled:
                score.true_positive += 1
            elif kind in predicted:
                score.false_positive += 1
                report.wrong.append({**entry, "found": [f.as_dict() for f in found]})
            else:
                score.false_negative += 1
        if labelled:
            report.defective += 1
            if predicted & labelled:
                report.defective_found += 1
            else:
                report.misses.append({**entry, "found": [f.as_dict() for f in found]})
        else:
            report.clean += 1
            if predicted:
                report.false_alarms += 1
                report.alarms.append({**entry, "found": [f.as_dict() for f in found]})
    return report


def bench(*, characters: int = 20_000, repeat: int = 20) -> dict:
    """Time the gate on one item whose text fields add up to about `characters`."""
    paragraph = (
        "Adults who had at least eight migraine days a month used a nasal spray every night, "
        "and those on the active spray — about half of them — had fewer bad days (p = 0.01). "
    )
    body_parts, size = [], 0
    while size < characters:
        section = f"## Part {len(body_parts) + 1}\n\n" + paragraph * 4
        body_parts.append(section)
        size += len(section)
    item = place("\n\n".join(body_parts), "body")
    texts = quality.texts_of_payload(item)
    total = sum(len(t.value or "") for t in texts)
    started = time.perf_counter()
    quality.inspect(texts)  # the first run loads the word lists
    first = time.perf_counter() - started
    times, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        quality.inspect(texts)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    times.sort()
    cpu.sort()
    return {
        "characters": total,
        "first_ms": first * 1000,
        "median_ms": times[len(times) // 2] * 1000,
        "max_ms": times[-1] * 1000,
        "median_cpu_ms": cpu[len(cpu) // 2] * 1000,
        "runs": repeat,
    }


def kind_counts(entries: list[dict]) -> Counter:
    return Counter(kind for entry in entries for kind in entry["kinds"] or ["clean"])
