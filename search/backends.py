"""The database-specific half of search: how a parsed query matches, ranks and highlights.

The RawSQL below holds constants only (table name, column numbers, weights); the one value that
comes from a person, the FTS5 expression built from parsed words, is always a bound parameter.

PostgreSQL: `websearch_to_tsquery('english', ...)` against the stored, GIN-indexed `vector`,
`ts_rank` (title weighted above text) and `ts_headline`. SQLite: an FTS5 `MATCH` expression,
`bm25()` (title weighted above text), `snippet()` and `highlight()`. Both receive only the words
that `search.parsing` let through, each quoted again here, so no typed text is ever syntax.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection, models
from django.db.models.expressions import RawSQL

from .parsing import ParsedQuery
from .schema import SQLITE_COLUMNS, TABLE

# Around each matched word in snippets; turned into <mark> after escaping (search/snippets.py).
# Private-use characters: nothing a person types into a post means them.
START, STOP = "\ue000", "\ue001"
SNIPPET_WORDS = 28


def _quoted(words: tuple[str, ...]) -> str:
    return '"' + " ".join(word.replace('"', "") for word in words) + '"'


class PostgresBackend:
    window_count = True  # the total comes with the page (COUNT(*) OVER ())

    def _query(self, parsed: ParsedQuery) -> SearchQuery:
        positive = [_quoted((w,)) for w in parsed.words] + [_quoted(p) for p in parsed.phrases]
        text = (" or " if parsed.match_any else " ").join(positive)
        text += "".join(f" -{_quoted(e)}" for e in parsed.excluded)
        return SearchQuery(text, search_type="websearch", config="english")

    def matches(self, parsed: ParsedQuery) -> models.Q:
        return models.Q(vector=self._query(parsed))

    def ordering(self, parsed: ParsedQuery) -> list:
        rank = SearchRank(models.F("vector"), self._query(parsed))
        return [rank.desc(), models.F("id").desc()]

    def highlights(self, parsed: ParsedQuery) -> dict:
        query = self._query(parsed)
        common = {"config": "english", "start_sel": START, "stop_sel": STOP}
        return {
            "title_marked": SearchHeadline("title", query, highlight_all=True, **common),
            "snippet": SearchHeadline(
                "body",
                query,
                max_words=SNIPPET_WORDS,
                min_words=SNIPPET_WORDS // 2,
                max_fragments=2,
                fragment_delimiter=" … ",
                **common,
            ),
        }


def _column(name: str) -> int:
    return SQLITE_COLUMNS.index(name)


class SqliteBackend:
    window_count = False  # bm25() cannot run in a window query: count separately

    def _expression(self, parsed: ParsedQuery) -> str:
        positive = [_quoted((w,)) for w in parsed.words] + [_quoted(p) for p in parsed.phrases]
        text = " OR ".join(positive) if parsed.match_any else " AND ".join(positive)
        if parsed.excluded:
            text = f"({text})" + "".join(f" NOT {_quoted(e)}" for e in parsed.excluded)
        return text

    def matches(self, parsed: ParsedQuery) -> RawSQL:
        return RawSQL(  # noqa: S611 (bound parameter)
            f'"{TABLE}" MATCH %s', [self._expression(parsed)], output_field=models.BooleanField()
        )

    def ordering(self, parsed: ParsedQuery) -> list:
        weights = {"title": 8.0, "body": 1.0}
        args = ", ".join(str(weights.get(name, 0.0)) for name in SQLITE_COLUMNS)
        rank = RawSQL(  # noqa: S611 (constants)
            f'bm25("{TABLE}", {args})', [], output_field=models.FloatField()
        )
        return [rank.asc(), models.F("id").desc()]  # bm25: lower is better

    def highlights(self, parsed: ParsedQuery) -> dict:
        title, body = _column("title"), _column("body")
        text = models.TextField()
        return {
            "title_marked": RawSQL(  # noqa: S611 (constants)
                f'highlight("{TABLE}", {title}, %s, %s)', [START, STOP], output_field=text
            ),
            "snippet": RawSQL(  # noqa: S611 (constants)
                f"snippet(\"{TABLE}\", {body}, %s, %s, ' … ', {SNIPPET_WORDS})",
                [START, STOP],
                output_field=text,
            ),
        }


def backend():
    return SqliteBackend() if connection.vendor == "sqlite" else PostgresBackend()
