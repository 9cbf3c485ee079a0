#!/usr/bin/env bash
# Restore a backup made by backup.sh: restore.sh FILE
#   PostgreSQL: into the EMPTY database named by DATABASE_URL (create it first: createdb …).
#   SQLite: to SQLITE_PATH, which must not exist yet (move the old file away first).
# Stop the app servers, worker and scheduler first; run `manage.py migrate` after (a backup
# from an older release gets the newer migrations), then start them again.
set -euo pipefail
file=${1:?usage: restore.sh FILE}
if [[ -n "${DATABASE_URL:-}" ]]; then
  pg_restore --exit-on-error --no-owner --single-transaction --dbname="$DATABASE_URL" "$file"
else
  db=${SQLITE_PATH:?set DATABASE_URL or SQLITE_PATH}
  if [[ -e "$db" ]]; then echo "refusing to overwrite $db: move it away first" >&2; exit 1; fi
  python3 - "$file" "$db" <<'PY'
import sqlite3, sys
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
target = sqlite3.connect(sys.argv[2])
source.backup(target)
assert target.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
target.execute("PRAGMA journal_mode=WAL")
target.close()
PY
fi
echo "restored from $file"
