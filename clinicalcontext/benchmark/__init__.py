"""`make bench`: the project's own benchmark (docs/benchmarks.md).

`seed` fills a fresh database through the services, `floor` is the bare Django page the figures
are divided by, `runner` serves both with gunicorn as in production and measures CPU per
request; `extras` lists the in-process timings (search, the quality gate) other areas add.
"""
