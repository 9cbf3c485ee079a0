#!/usr/bin/env bash
# Back up the database to a file: backup.sh DEST
#   PostgreSQL (DATABASE_URL=postgres://…): pg_dump's custom format, restorable table by table.
#   SQLite (SQLITE_PATH): SQLite's online backup API, a consistent copy while the site runs.
# Media files are separate: sync MEDIA_ROOT (or the object storage bucket) on its own schedule.
set -euo pipefail
dest=${1:?usage: backup.sh DEST}
tmp="$dest.partial"
if [[ -n "${DATABASE_URL:-}" ]]; then
  pg_dump --format=custom --no-owner --file="$tmp" "$DATABASE_URL"
else
  db=${SQLITE_PATH:?set DATABASE_URL or SQLITE_PATH}
  python3 - "$db" "$tmp" <<'PY'
import sqlite3, sys
source = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
target = sqlite3.connect(sys.argv[2])
source.backup(target)
assert target.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
target.close()
PY
fi
mv "$tmp" "$dest"  # a backup file exists only once it is whole
echo "backup written: $dest ($(du -h "$dest" | cut -f1))"
