#!/usr/bin/env bash
# Nightly backup: the database (pg_dump custom format), the shared file store and the audit
# checkpoints (kept outside the database on purpose), into one dated folder.
#
#   deploy/backup.sh /srv/backup            (environment as the services': FAZHI_DATABASE_URL,
#                                            FAZHI_MEDIA_ROOT, FAZHI_AUDIT_CHECKPOINTS)
# Keep the folder off the server (rsync it away); deploy/restore-drill.sh proves it restores.
set -euo pipefail
DEST="${1:?usage: backup.sh DEST_DIR}"
: "${FAZHI_DATABASE_URL:?FAZHI_DATABASE_URL must be set}"
: "${FAZHI_MEDIA_ROOT:?FAZHI_MEDIA_ROOT must be set}"
STAMP="$(date +%Y%m%dT%H%M%S)"
OUT="$DEST/fazhi-$STAMP"
mkdir -p "$OUT"
pg_dump --format=custom --no-owner --file "$OUT/database.dump" "$FAZHI_DATABASE_URL"
tar -C "$FAZHI_MEDIA_ROOT" -cf "$OUT/media.tar" .
if [[ -n "${FAZHI_AUDIT_CHECKPOINTS:-}" && -f "$FAZHI_AUDIT_CHECKPOINTS" ]]; then
  cp "$FAZHI_AUDIT_CHECKPOINTS" "$OUT/audit-checkpoints.jsonl"
fi
(cd "$OUT" && sha256sum -- * > SHA256SUMS)
echo "$OUT"
