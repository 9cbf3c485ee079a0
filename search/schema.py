"""The search index's tables and the database triggers that keep it in step with its sources.

One row per searchable thing in `search_entry`: an item, a forum thread (its title), a forum post
(its text) or a FAQ entry. Triggers on the source tables write the row in the same statement
that changes the source, so the index follows every path that changes text: `save()`,
`QuerySet.update()`, `bulk_create()`, deletes and cascades, the admin, a shell.

What is never written to the index at all: a post that is hidden or removed (its author's or a
moderator's decision must not be undone by a stale copy), and every private ask-the-doctor
question, answered or not. From version 2 a *publishable* answered question is indexed (its text
and its answer, kept in step by triggers on both tables); who may find it is the question page's
rule, not the FAQ's (`search/visibility.py`). Whether a row may be *shown* is decided again at
query time from the source tables, so the index never has to be fresh for privacy to hold.

PostgreSQL: a plain table with a stored, generated `tsvector` (title weighted A, text B) and a GIN
index on it. SQLite: an FTS5 table with the same columns (`porter unicode61`, so both databases
stem English). Row ids are `object id * span + kind code` (span 4 in version 1, 5 from version
2), so a trigger finds its row by primary key.

The SQL is versioned (`SOURCES_V1`, `SOURCES_V2`): a migration installs one version, and a later
change adds a version and a migration that installs it, so old migrations keep creating what they
created.
"""

from dataclasses import dataclass, replace

TABLE = "search_entry"
KIND_CODES = {"item": 0, "thread": 1, "post": 2, "qa": 3, "question": 4}
SPAN_V1 = 4
CODE_SPAN = len(KIND_CODES)  # the span of the current version


@dataclass(frozen=True)
class Source:
    kind: str
    table: str
    title: str  # SQL over the row, `{row}` stands for NEW / OLD / the table alias
    body: str
    watched: tuple[str, ...]  # columns whose change re-indexes the row
    condition: str = "1 = 1"  # rows that are indexed at all
    span: int = CODE_SPAN
    # Another table whose rows are part of this one's text: (table, column naming this row,
    # watched columns). Its changes re-index the row it belongs to.
    part: tuple[str, str, tuple[str, ...]] | None = None

    @property
    def code(self) -> int:
        return KIND_CODES[self.kind]

    def row_id(self, row: str, key: str = "id") -> str:
        return f"{row}.{key} * {self.span} + {self.code}"

    def expr(self, template: str, row: str) -> str:
        return template.format(row=row)


SOURCES_V1 = (
    Source(
        kind="item",
        table="articles_article",
        title="{row}.title",
        body=(
            "{row}.dek || ' ' || {row}.summary || ' ' || {row}.commentary || ' ' || {row}.body"
            " || ' ' || {row}.commentator_name"
        ),
        watched=("title", "dek", "summary", "commentary", "body", "commentator_name"),
        span=SPAN_V1,
    ),
    Source(
        kind="thread",
        table="forum_thread",
        title="{row}.title",
        body="''",
        watched=("title",),
        span=SPAN_V1,
    ),
    Source(
        kind="post",
        table="forum_post",
        title="''",
        body="{row}.body",
        watched=("body", "hidden_at", "removed_at"),
        condition="{row}.hidden_at IS NULL AND {row}.removed_at IS NULL",
        span=SPAN_V1,
    ),
    Source(
        kind="qa",
        table="articles_faqitem",
        title="{row}.question",
        body="{row}.answer",
        watched=("question", "answer"),
        span=SPAN_V1,
    ),
)
# Version 2: the span grows to 5 for publishable answered questions (the question's text and its
# answer's; the asker allowed publishing, and only those the question page admits find it).
SOURCES_V2 = (
    *(replace(source, span=CODE_SPAN) for source in SOURCES_V1),
    Source(
        kind="question",
        table="articles_doctorquestion",
        title="''",
        body=(
            "{row}.body || ' ' || COALESCE((SELECT answer.body FROM articles_doctoranswer AS answer"
            " WHERE answer.question_id = {row}.id), '')"
        ),
        watched=("body", "status", "visibility"),
        condition="{row}.visibility = 'publishable' AND {row}.status IN ('answered', 'closed')",
        part=("articles_doctoranswer", "question_id", ("body", "question_id")),
    ),
)
CURRENT_SOURCES = SOURCES_V2


def _changed(source: Source) -> str:
    return " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in source.watched)


def _insert_select(source: Source, row: str, *, where: str, rowid: bool = False) -> str:
    # FTS5 keys its rows by rowid: SQLite keeps it equal to `id`.
    columns = "rowid, id" if rowid else "id"
    ids = f"{source.row_id(row)}, {source.row_id(row)}" if rowid else source.row_id(row)
    return (
        f"INSERT INTO {TABLE} ({columns}, kind, object_id, title, body) "
        f"SELECT {ids}, '{source.kind}', {row}.id, "
        f"{source.expr(source.title, row)}, {source.expr(source.body, row)} {where}"
    )


def _reindex_owner(source: Source, key: str, *, rowid: bool) -> str:
    """Statements that index again the row of `source` whose id is `key` (e.g. NEW.question_id):
    a change to a part (an answer) re-reads the whole row (its question), if it is indexed."""
    slot = "rowid" if rowid else "id"
    where = (
        f"FROM {source.table} AS src WHERE src.id = {key} "
        f"AND {source.expr(source.condition, 'src')}"
    )
    return (
        f"DELETE FROM {TABLE} WHERE {slot} = {key} * {source.span} + {source.code}; "
        f"{_insert_select(source, 'src', where=where, rowid=rowid)};"
    )


def backfill_sql(source: Source, *, rowid: bool = False) -> str:
    """Index every existing row of one source (after the table is emptied)."""
    where = f"FROM {source.table} AS src WHERE {source.expr(source.condition, 'src')}"
    return _insert_select(source, "src", where=where, rowid=rowid)


# SQLite --------------------------------------------------------------------------------------

SQLITE_TABLE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "id UNINDEXED, kind UNINDEXED, object_id UNINDEXED, title, body, vector UNINDEXED, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
# bm25() and snippet() take the columns in the order above.
SQLITE_COLUMNS = ("id", "kind", "object_id", "title", "body", "vector")


def _sqlite_triggers(source: Source) -> list[str]:
    name = f"search_{source.kind}"
    delete_old = f"DELETE FROM {TABLE} WHERE rowid = {source.row_id('OLD')};"
    # An insert first clears its slot: a leftover row (a restored backup, a flushed test
    # database that reuses ids) must neither block the insert nor keep someone else's text.
    delete_new = f"DELETE FROM {TABLE} WHERE rowid = {source.row_id('NEW')};"
    condition = source.expr(source.condition, "NEW")
    insert_new = _insert_select(source, "NEW", where=f"WHERE {condition}", rowid=True)
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in source.watched)
    watched = ", ".join(source.watched)
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} "
        f"BEGIN {delete_new} {insert_new}; END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN {delete_old} END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {watched} ON {source.table} "
        f"WHEN {changed} BEGIN {delete_old} {insert_new}; END",
        *_sqlite_part_triggers(source),
    ]


def _sqlite_part_triggers(source: Source) -> list[str]:
    if source.part is None:
        return []
    table, key, watched = source.part
    name = f"search_{source.kind}_part"
    old, new = (_reindex_owner(source, f"{row}.{key}", rowid=True) for row in ("OLD", "NEW"))
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in watched)
    return [
        f"CREATE TRIGGER {name}_ai AFTER INSERT ON {table} BEGIN {new} END",
        f"CREATE TRIGGER {name}_ad AFTER DELETE ON {table} BEGIN {old} END",
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {', '.join(watched)} ON {table} "
        f"WHEN {changed} BEGIN {old} {new} END",
    ]


def _sqlite_drop(source: Source) -> list[str]:
    names = [f"search_{source.kind}"] + ([f"search_{source.kind}_part"] if source.part else [])
    return [f"DROP TRIGGER IF EXISTS {n}_{s}" for n in names for s in ("ai", "ad", "au")]


def _sqlite_backfill(source: Source) -> str:
    return backfill_sql(source, rowid=True)


# PostgreSQL ----------------------------------------------------------------------------------

POSTGRES_TABLE = [
    f"""CREATE TABLE {TABLE} (
        id bigint PRIMARY KEY,
        kind varchar(8) NOT NULL,
        object_id bigint NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        vector tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('english'::regconfig, title), 'A')
            || setweight(to_tsvector('english'::regconfig, body), 'B')
        ) STORED
    )""",
    f"CREATE INDEX search_entry_vector_idx ON {TABLE} USING gin (vector)",
]


def _postgres_triggers(source: Source) -> list[str]:
    name = f"search_index_{source.kind}"
    condition = source.expr(source.condition, "NEW")
    insert_new = _insert_select(source, "NEW", where=f"WHERE {condition}")
    watched = ", ".join(source.watched)
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' AND NOT ({_changed(source)}) THEN
                RETURN NULL;
            END IF;
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                DELETE FROM {TABLE} WHERE id = {source.row_id("OLD")};
            ELSE  -- an insert clears its slot of any leftover row (restored backup, reused ids)
                DELETE FROM {TABLE} WHERE id = {source.row_id("NEW")};
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {insert_new};
            END IF;
            RETURN NULL;
        END $$""",
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {watched} "
        f"ON {source.table} FOR EACH ROW EXECUTE FUNCTION {name}()",
        *_postgres_part_triggers(source),
    ]


def _postgres_part_triggers(source: Source) -> list[str]:
    if source.part is None:
        return []
    table, key, watched = source.part
    name = f"search_index_{source.kind}_part"
    old, new = (_reindex_owner(source, f"{row}.{key}", rowid=False) for row in ("OLD", "NEW"))
    return [
        f"""CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP IN ('UPDATE', 'DELETE') THEN
                {old}
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                {new}
            END IF;
            RETURN NULL;
        END $$""",
        f"CREATE TRIGGER {name} AFTER INSERT OR DELETE OR UPDATE OF {', '.join(watched)} "
        f"ON {table} FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


def _postgres_drop(source: Source) -> list[str]:
    tables = [(f"search_index_{source.kind}", source.table)]
    if source.part:
        tables.append((f"search_index_{source.kind}_part", source.part[0]))
    return [
        statement
        for name, table in tables
        for statement in (
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"DROP FUNCTION IF EXISTS {name}()",
        )
    ]


# Installing ----------------------------------------------------------------------------------


def create_table(connection) -> list[str]:
    return [SQLITE_TABLE] if connection.vendor == "sqlite" else list(POSTGRES_TABLE)


def drop_table(connection) -> list[str]:
    return [f"DROP TABLE IF EXISTS {TABLE}"]


def install_triggers(connection, sources=CURRENT_SOURCES) -> list[str]:
    build = _sqlite_triggers if connection.vendor == "sqlite" else _postgres_triggers
    return [*drop_triggers(connection, sources), *(s for src in sources for s in build(src))]


def drop_triggers(connection, sources=CURRENT_SOURCES) -> list[str]:
    drop = _sqlite_drop if connection.vendor == "sqlite" else _postgres_drop
    return [statement for source in sources for statement in drop(source)]


def rebuild(connection, sources=CURRENT_SOURCES) -> list[str]:
    """Empty the index and fill it again from the source tables."""
    fill = _sqlite_backfill if connection.vendor == "sqlite" else backfill_sql
    return [f"DELETE FROM {TABLE}", *(fill(source) for source in sources)]


def run(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
