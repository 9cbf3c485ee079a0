"""In-process timings that `make bench` prints below the page table, on the seeded SQLite data.

Each entry is (label, "module:function"); the function takes no arguments and returns
milliseconds per call (a float) or a short text. An area adds its timing with one line here,
e.g. ("search, one query", "search.benchmark:time_query"). An entry whose module is not
there yet is reported as missing, never silently left out.
"""

import importlib
import time

import django

TIMINGS: list[tuple[str, str]] = [
    ("markdown render, one ~100-word post", "clinicalcontext.benchmark.extras:time_markdown"),
    ("quality gate, one 20,000-character item", "clinicalcontext.benchmark.extras:time_gate"),
    ("search, 100,000 posts, SQLite (wall)", "search.benchmark:bench_sqlite"),
    ("search, 100,000 posts, PostgreSQL (wall)", "search.benchmark:bench_postgres"),
]


def time_markdown() -> float:
    from text.markup import render_markdown

    body = "A sentence about a dose, a week and a **question**. " * 12
    started = time.process_time()
    for _ in range(50):
        render_markdown(body)
    return 1000 * (time.process_time() - started) / 50


def time_gate() -> float:
    """The gate's own measurement (`manage.py gate_report --bench`): median CPU per item."""
    from articles.pipeline import measure

    return measure.bench(repeat=10)["median_cpu_ms"]


def main() -> None:
    django.setup()
    for label, target in TIMINGS:
        module, _, name = target.partition(":")
        try:
            function = getattr(importlib.import_module(module), name)
        except (ImportError, AttributeError):
            print(f"{label}\tmissing ({target})")
            continue
        value = function()
        print(f"{label}\t{value:.2f} ms CPU" if isinstance(value, float) else f"{label}\t{value}")


if __name__ == "__main__":
    main()
