#!/usr/bin/env bash
# Restore drill: restore a backup folder (deploy/backup.sh) into a scratch database and file
# store, then prove it complete: checksums, `fazhi audit verify --files` (the audit chain, every
# checkpoint and every stored file's SM3) and the same row counts as the source database.
#
#   deploy/restore-drill.sh BACKUP_DIR [SCRATCH_DB]   (environment as the services')
# The live database and files are only read (for the row counts); the scratch database is
# dropped at the end unless FAZHI_DRILL_KEEP=1.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BACKUP="${1:?usage: restore-drill.sh BACKUP_DIR [SCRATCH_DB]}"
SCRATCH="${2:-fazhi_restore_drill}"
: "${FAZHI_DATABASE_URL:?FAZHI_DATABASE_URL must be set}"
BASE="${FAZHI_DATABASE_URL%/*}"
WORK="$(mktemp -d -t fazhi-drill-XXXXXX)"
cleanup() {
  rm -rf "$WORK"
  if [[ "${FAZHI_DRILL_KEEP:-0}" != 1 ]]; then
    psql "$BASE/postgres" -qXc "DROP DATABASE IF EXISTS \"$SCRATCH\"" || true
  fi
}
trap cleanup EXIT

(cd "$BACKUP" && sha256sum --quiet -c SHA256SUMS)
psql "$BASE/postgres" -qXc "DROP DATABASE IF EXISTS \"$SCRATCH\"" -c "CREATE DATABASE \"$SCRATCH\""
pg_restore --no-owner --exit-on-error -d "$BASE/$SCRATCH" "$BACKUP/database.dump"
mkdir -p "$WORK/media"
tar -C "$WORK/media" -xf "$BACKUP/media.tar"
[[ -f "$BACKUP/audit-checkpoints.jsonl" ]] && cp "$BACKUP/audit-checkpoints.jsonl" "$WORK/"

counts() {  # counts DB_URL: every table's exact row count, one "table count" a line
  psql "$1" -qXAt -F ' ' -c "SELECT format('SELECT %L, count(*) FROM %I.%I;', table_name,
      table_schema, table_name) FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name" \
    | psql "$1" -qXAt -F ' '
}
counts "$BASE/$SCRATCH" > "$WORK/restored.txt"
FAZHI_DATABASE_URL="$BASE/$SCRATCH" FAZHI_MEDIA_ROOT="$WORK/media" \
  FAZHI_AUDIT_CHECKPOINTS="$WORK/audit-checkpoints.jsonl" "$ROOT/.venv/bin/fazhi" audit verify --files
echo "restored $(wc -l < "$WORK/restored.txt") tables, $(awk '{s += $2} END {print s}' "$WORK/restored.txt") rows"
if [[ "${FAZHI_DRILL_COMPARE:-1}" == 1 ]]; then
  counts "$FAZHI_DATABASE_URL" > "$WORK/live.txt"
  if ! diff -u "$WORK/live.txt" "$WORK/restored.txt"; then
    echo "restore drill: row counts differ from the live database (writes since the backup?)" >&2
    exit 1
  fi
fi
echo "restore drill passed: $BACKUP"
