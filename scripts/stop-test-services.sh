#!/usr/bin/env bash
# Stops the throw-away PostgreSQL cluster started by scripts/test-services.sh, if it is running.
# Leaves the data directory in place (delete ${SCRIPTORIUM_TEST_PG_DIR:-/tmp/scriptorium-test-pg}
# to start from scratch next time).
set -euo pipefail

PG_BASE="${SCRIPTORIUM_TEST_PG_DIR:-/tmp/scriptorium-test-pg}"
PG_DATA="$PG_BASE/data"

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  echo "stop-test-services: no cluster in $PG_DATA"
  exit 0
fi

PG_MAJOR="$(cat "$PG_DATA/PG_VERSION")"
PG_CTL="/usr/lib/postgresql/$PG_MAJOR/bin/pg_ctl"
[ -x "$PG_CTL" ] || { echo "stop-test-services: $PG_CTL not found" >&2; exit 1; }

if [ "$(id -u)" -eq 0 ]; then
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

LOCK_FILE="${PG_BASE%/}.lock"
if [ -e "$LOCK_FILE" ] && [ ! -w "$LOCK_FILE" ]; then
  exec 9<"$LOCK_FILE"   # another user's lock file: a read-only descriptor locks as well
else
  exec 9>>"$LOCK_FILE"
  chmod a+r "$LOCK_FILE" 2>/dev/null || true
fi
flock -w 300 9 || { echo "stop-test-services: timed out waiting for lock $LOCK_FILE" >&2; exit 1; }

if as_pg "$PG_CTL" -D "$PG_DATA" status >/dev/null 2>&1; then
  as_pg "$PG_CTL" -D "$PG_DATA" -m fast -w -t 60 stop >/dev/null
  echo "stop-test-services: stopped PostgreSQL in $PG_DATA"
else
  echo "stop-test-services: PostgreSQL in $PG_DATA is not running"
fi
