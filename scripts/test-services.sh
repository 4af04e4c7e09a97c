#!/usr/bin/env bash
# Brings up what the tests need, on a Debian 12 machine:
#   - Debian's chromium + chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)
#   - a CJK font (fonts-wqy-microhei) so Chromium renders Chinese text (the PDF writer brings its own fonts)
#   - LibreOffice Writer and poppler-utils (soffice, pdftotext) for DocxRenderingTest
#   - HAProxy (haproxy) in front of the three nodes of cluster.ThreeNodesTest (issue 17)
#   - a throw-away PostgreSQL cluster on 127.0.0.1:${SCRIPTORIUM_TEST_PG_PORT:-54329}
#     with role scriptorium/scriptorium and database scriptorium_test.
#   - the OpenAPI linter, @redocly/cli from the npm registry, under ${SCRIPTORIUM_TEST_NPM_DIR:-/tmp/scriptorium-test-npm}
#   - Lighthouse (accessibility test) from the npm registry, under ${SCRIPTORIUM_TEST_LIGHTHOUSE_DIR:-~/.cache/scriptorium-lighthouse}
#
# Idempotent: run it as often as you like; a server already answering on the port is reused.
# Concurrent runs are serialised with a lock file. Run by `./mvnw verify` (phase
# process-test-classes); skip that with -DskipTests or -Dscriptorium.services.skip=true.
#
# Layout (BASE = ${SCRIPTORIUM_TEST_PG_DIR:-/tmp/scriptorium-test-pg}):
#   BASE/data          the cluster's data directory (initdb -A trust, superuser "postgres")
#   BASE/socket        unix socket directory
#   BASE/postgres.log  server log
# Stop it with scripts/stop-test-services.sh; delete BASE to start from scratch.
set -euo pipefail

PG_BASE="${SCRIPTORIUM_TEST_PG_DIR:-/tmp/scriptorium-test-pg}"
PG_PORT="${SCRIPTORIUM_TEST_PG_PORT:-54329}"
PG_HOST=127.0.0.1
PG_DB=scriptorium_test
PG_ROLE=scriptorium
PG_PASSWORD=scriptorium
PG_DATA="$PG_BASE/data"
PG_SOCKET="$PG_BASE/socket"
PG_LOG="$PG_BASE/postgres.log"

log() { echo "test-services: $*" >&2; }
die() { echo "test-services: ERROR: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# ---------------------------------------------------------------------------
# Serialise concurrent runs (two Maven builds at once, say).
# ---------------------------------------------------------------------------
LOCK_FILE="${PG_BASE%/}.lock"
mkdir -p "$(dirname "$LOCK_FILE")"
if [ -e "$LOCK_FILE" ] && [ ! -w "$LOCK_FILE" ]; then
  exec 9<"$LOCK_FILE"   # another user's lock file: a read-only descriptor locks as well
else
  exec 9>>"$LOCK_FILE"
  chmod a+r "$LOCK_FILE" 2>/dev/null || true
fi
if ! flock -w 900 9; then
  die "timed out waiting for lock $LOCK_FILE"
fi

# ---------------------------------------------------------------------------
# 1. Packages
# ---------------------------------------------------------------------------
pg_server_bin() {
  # Newest installed PostgreSQL server's bin directory, or nothing.
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      echo "$d"
      return 0
    fi
  done
  return 0
}

pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -n "$(pg_server_bin)" ] || missing+=(postgresql)
pkg_installed fonts-wqy-microhei || missing+=(fonts-wqy-microhei)
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
# issue 17, three-node harness: the reverse proxy in front of cluster.ThreeNodesTest's nodes.
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
if ! command -v pg_isready >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
  missing+=(postgresql-client)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  if ! is_root; then
    die "missing packages: ${missing[*]}. Install them as root:
  sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium chromium-driver postgresql fonts-wqy-microhei libreoffice-writer poppler-utils haproxy
or run this script as root (it installs them itself)."
  fi
  log "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-o DPkg::Lock::Timeout=600 -o Dpkg::Use-Pty=0)
  apt-get "${apt_opts[@]}" update -qq
  apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || apt-get "${apt_opts[@]}" install -y --no-install-recommends "${missing[@]}"
  [ -x /usr/bin/chromium ] || die "chromium did not install (/usr/bin/chromium missing)"
  [ -x /usr/bin/chromedriver ] || die "chromium-driver did not install (/usr/bin/chromedriver missing)"
  [ -n "$(pg_server_bin)" ] || die "postgresql did not install (/usr/lib/postgresql/*/bin/postgres missing)"
fi

PG_BIN="$(pg_server_bin)"
PG_MAJOR="$(basename "$(dirname "$PG_BIN")")"

# ---------------------------------------------------------------------------
# 2. PostgreSQL cluster
# ---------------------------------------------------------------------------
# PostgreSQL refuses to run as root: as root, run its binaries as the postgres OS user.
if is_root; then
  id postgres >/dev/null 2>&1 || die "OS user 'postgres' does not exist (is the postgresql package installed?)"
  as_pg() { runuser -u postgres -- "$@"; }
  PG_OWNER=postgres
else
  as_pg() { "$@"; }
  PG_OWNER="$(id -un)"
fi

ready() { pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2 >/dev/null 2>&1; }

# psql as the cluster's superuser (trust auth on 127.0.0.1).
su_psql() {
  PGCONNECT_TIMEOUT=10 psql -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres "$@"
}

ensure_role_and_db() {
  if ! su_psql -tAc 'select 1' >/dev/null 2>&1; then
    # A server we did not create (no trust for "postgres"): check our role works, at least.
    if PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=10 psql -X -q -h "$PG_HOST" -p "$PG_PORT" \
        -U "$PG_ROLE" -d "$PG_DB" -tAc 'select 1' >/dev/null 2>&1; then
      log "reusing server on $PG_HOST:$PG_PORT (cannot connect as postgres; role $PG_ROLE and db $PG_DB work)"
      return 0
    fi
    die "a server answers on $PG_HOST:$PG_PORT but neither 'postgres' nor '$PG_ROLE' can connect to it.
Stop it (scripts/stop-test-services.sh) or choose another port with SCRIPTORIUM_TEST_PG_PORT."
  fi
  su_psql <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL
  if [ "$(su_psql -tAc "select 1 from pg_database where datname = '$PG_DB'")" != "1" ]; then
    su_psql -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE ENCODING 'UTF8' TEMPLATE template0"
  fi
  su_psql -d "$PG_DB" -c "ALTER SCHEMA public OWNER TO $PG_ROLE" >/dev/null
}

start_cluster() {
  mkdir -p "$PG_BASE"
  # postgres must be able to reach and write the base directory.
  if is_root; then
    chown "$PG_OWNER" "$PG_BASE"
    chmod 700 "$PG_BASE"
    as_pg test -w "$PG_BASE" \
      || die "user postgres cannot write $PG_BASE (a parent directory is not searchable?); set SCRIPTORIUM_TEST_PG_DIR, e.g. under /tmp"
  fi

  # A data directory left half-made, or made by another major version: start afresh.
  if [ -d "$PG_DATA" ]; then
    if [ ! -f "$PG_DATA/PG_VERSION" ] || [ "$(cat "$PG_DATA/PG_VERSION")" != "$PG_MAJOR" ] \
        || [ ! -f "$PG_DATA/global/pg_control" ]; then
      log "removing unusable data directory $PG_DATA"
      rm -rf "$PG_DATA"
    fi
  fi

  if [ ! -d "$PG_DATA" ]; then
    log "initdb $PG_DATA (PostgreSQL $PG_MAJOR)"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >>"$PG_DATA/postgresql.conf" <<'CONF'

# --- scriptorium test cluster: throw-away, speed over durability ---
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
shared_buffers = 64MB
CONF
  fi

  mkdir -p "$PG_SOCKET"
  if is_root; then
    chown -R "$PG_OWNER" "$PG_DATA" "$PG_SOCKET"
  fi
  chmod 700 "$PG_DATA"

  # Stale pid file (machine restarted, server killed): remove it if its process is not a postgres.
  if [ -f "$PG_DATA/postmaster.pid" ]; then
    local pid
    pid="$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
    if [ -z "$pid" ] || ! [ -d "/proc/$pid" ] || [ "$(cat "/proc/$pid/comm" 2>/dev/null)" != "postgres" ]; then
      log "removing stale $PG_DATA/postmaster.pid"
      rm -f "$PG_DATA/postmaster.pid" "$PG_SOCKET"/.s.PGSQL.*
    fi
  fi

  if as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; then
    log "server in $PG_DATA is running but not answering on $PG_HOST:$PG_PORT yet; waiting"
  else
    touch "$PG_LOG"
    if is_root; then chown "$PG_OWNER" "$PG_LOG"; fi
    # 9>&-: the server must not inherit (and so hold) the lock file descriptor.
    if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 \
        -o "-p $PG_PORT -c listen_addresses=$PG_HOST -c unix_socket_directories='$PG_SOCKET'" \
        start >/dev/null 9>&-; then
      tail -n 30 "$PG_LOG" >&2 || true
      die "PostgreSQL did not start (log: $PG_LOG)"
    fi
  fi

  local i
  for i in $(seq 1 60); do
    ready && return 0
    sleep 1
  done
  tail -n 30 "$PG_LOG" >&2 || true
  die "PostgreSQL is not answering on $PG_HOST:$PG_PORT (log: $PG_LOG)"
}

if ready; then
  log "reusing PostgreSQL already answering on $PG_HOST:$PG_PORT"
else
  start_cluster
fi
ensure_role_and_db

# ---------------------------------------------------------------------------
# 3. The OpenAPI linter (web.ApiDocsTest runs it on /v3/api-docs): @redocly/cli from the npm registry, pinned,
#    installed once under ${SCRIPTORIUM_TEST_NPM_DIR:-/tmp/scriptorium-test-npm}. Not fatal here: without it the
#    lint test fails and says why (or is skipped with -Dscriptorium.test.lint.skip=true).
# ---------------------------------------------------------------------------
REDOCLY_VERSION=2.77.0   # 2.x needs Node.js >= 20.19
NPM_DIR="${SCRIPTORIUM_TEST_NPM_DIR:-/tmp/scriptorium-test-npm}"
redocly_v() { REDOCLY_TELEMETRY=off "$NPM_DIR/node_modules/.bin/redocly" --version 2>/dev/null | head -n1 || true; }
if [ "$(redocly_v)" != "$REDOCLY_VERSION" ]; then
  if command -v npm >/dev/null 2>&1; then
    log "installing @redocly/cli@$REDOCLY_VERSION into $NPM_DIR"
    mkdir -p "$NPM_DIR"
    npm install --prefix "$NPM_DIR" --no-audit --no-fund --loglevel=error --save-exact \
      "@redocly/cli@$REDOCLY_VERSION" >&2 9>&- || log "WARNING: npm could not install @redocly/cli; the OpenAPI lint test will fail"
  else
    log "WARNING: npm is missing (Node.js >= 20.19 and npm are needed); the OpenAPI lint test will fail"
  fi
fi

# ---------------------------------------------------------------------------
# 3b. Issue 16, reader basics: Lighthouse for e2e.AccessibilityLighthouseTest (the accessibility score of the reader's
#     pages), from the npm registry, pinned, under ${SCRIPTORIUM_TEST_LIGHTHOUSE_DIR:-~/.cache/scriptorium-lighthouse}
#     (the test's default; -Dscriptorium.test.lighthouse.dir names another). 12.x is the newest line that runs on
#     Node.js 20 (13.x needs Node.js >= 22.19). Not fatal here: without it the test fails and says why (or is skipped
#     with -Dscriptorium.test.lighthouse.skip=true).
# ---------------------------------------------------------------------------
LIGHTHOUSE_VERSION=12.8.2
LIGHTHOUSE_DIR="${SCRIPTORIUM_TEST_LIGHTHOUSE_DIR:-$HOME/.cache/scriptorium-lighthouse}"
lighthouse_v() { "$LIGHTHOUSE_DIR/node_modules/.bin/lighthouse" --version 2>/dev/null | head -n1 || true; }
if [ "$(lighthouse_v)" != "$LIGHTHOUSE_VERSION" ]; then
  if command -v npm >/dev/null 2>&1; then
    log "installing lighthouse@$LIGHTHOUSE_VERSION into $LIGHTHOUSE_DIR"
    mkdir -p "$LIGHTHOUSE_DIR"
    npm install --prefix "$LIGHTHOUSE_DIR" --no-audit --no-fund --loglevel=error --save-exact \
      "lighthouse@$LIGHTHOUSE_VERSION" >&2 9>&- || log "WARNING: npm could not install lighthouse; the accessibility test will fail"
  else
    log "WARNING: npm is missing (Node.js >= 18.20 and npm are needed); the accessibility test will fail"
  fi
fi

# ---------------------------------------------------------------------------
# 4. Report
# ---------------------------------------------------------------------------
major_of() { grep -oE '[0-9]+(\.[0-9]+)+' | head -n1 | cut -d. -f1; }
chromium_v="$(/usr/bin/chromium --version 2>/dev/null | major_of || true)"
driver_v="$(/usr/bin/chromedriver --version 2>/dev/null | major_of || true)"
server_v="$(PGCONNECT_TIMEOUT=10 PGPASSWORD="$PG_PASSWORD" psql -X -h "$PG_HOST" -p "$PG_PORT" -U "$PG_ROLE" -d "$PG_DB" \
  -tAc 'show server_version' 2>/dev/null | major_of || true)"
echo "test services: chromium ${chromium_v:-?}, chromedriver ${driver_v:-?}, postgresql ${server_v:-?} on $PG_HOST:$PG_PORT db $PG_DB, redocly $(redocly_v), lighthouse $(lighthouse_v)"
