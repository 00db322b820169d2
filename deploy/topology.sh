#!/usr/bin/env bash
# The production topology on one machine, on loopback ports of its own:
#   nginx :18080 → gunicorn :18101 and :18102 (2 processes) → PostgreSQL (database
#   fazhi_topology on the local server); Redis :16389 (cache, sessions, Celery broker and
#   results); a Celery worker and beat; the Prometheus exporter :19464 behind nginx's /metrics.
#
#   deploy/topology.sh up      start everything (migrate, static files, demo data), wait ready
#   deploy/topology.sh down    stop every process it started (by the pid files) and drop nothing
#   deploy/topology.sh env     print the environment the processes run with (source it)
#
# Every port, the run folder and the database name come from FAZHI_TOPOLOGY_* variables, so a
# second run elsewhere never touches this one's processes or data.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="$ROOT/.venv/bin"
RUN="${FAZHI_TOPOLOGY_DIR:-/tmp/fazhi-topology}"
HTTP_PORT="${FAZHI_TOPOLOGY_HTTP_PORT:-18080}"
WEB_PORTS=("${FAZHI_TOPOLOGY_WEB1_PORT:-18101}" "${FAZHI_TOPOLOGY_WEB2_PORT:-18102}")
REDIS_PORT="${FAZHI_TOPOLOGY_REDIS_PORT:-16389}"
METRICS_PORT="${FAZHI_TOPOLOGY_METRICS_PORT:-19464}"
PG_BASE="${FAZHI_TOPOLOGY_PG:-postgresql://postgres@127.0.0.1:5432}"
DB="${FAZHI_TOPOLOGY_DB:-fazhi_topology}"
WORKERS="${FAZHI_TOPOLOGY_WORKERS:-$(nproc)}"

log() { printf '[topology %s] %s\n' "$(date +%T)" "$*" >&2; }

write_env() {
  mkdir -p "$RUN"
  if [[ ! -f "$RUN/secret" ]]; then
    (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n/+=' > "$RUN/secret")
    (umask 077; head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$RUN/audit.key")
  fi
  cat > "$RUN/env" <<EOF
export DJANGO_SETTINGS_MODULE=fazhi.settings
export FAZHI_DATABASE_URL=$PG_BASE/$DB
export FAZHI_REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export FAZHI_SECRET_KEY=$(cat "$RUN/secret")
export FAZHI_AUDIT_KEY_FILE=$RUN/audit.key
export FAZHI_VAR_DIR=$RUN/var
export FAZHI_MEDIA_ROOT=$RUN/shared/media
export FAZHI_AUDIT_CHECKPOINTS=$RUN/shared/audit-checkpoints.jsonl
export FAZHI_ALLOWED_HOSTS=127.0.0.1,localhost
export FAZHI_CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$HTTP_PORT
export FAZHI_TRUSTED_PROXIES=127.0.0.1
export FAZHI_BASE_URL=http://127.0.0.1:$HTTP_PORT
export FAZHI_LOG_FORMAT=json
export FAZHI_LOG_LEVEL=WARNING
export FAZHI_METRICS=1
export PROMETHEUS_MULTIPROC_DIR=$RUN/prometheus
export FAZHI_WORKERS=$WORKERS
EOF
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {  # wait_for URL SECONDS
  local deadline=$((SECONDS + $2))
  until curl -fsS -o /dev/null "$1" 2>/dev/null; do
    if ((SECONDS > deadline)); then
      log "not ready after $2 s: $1"
      return 1
    fi
    sleep 0.5
  done
}

render_nginx() {
  mkdir -p "$RUN/nginx/logs" "$RUN/nginx/tmp"
  WEB1="127.0.0.1:${WEB_PORTS[0]}" WEB2="127.0.0.1:${WEB_PORTS[1]}" LISTEN="127.0.0.1:$HTTP_PORT" \
    SERVER_NAME=127.0.0.1 STATIC_ROOT="$RUN/var/static" METRICS="127.0.0.1:$METRICS_PORT" \
    METRICS_ALLOW="" "$BIN/python" - "$ROOT/deploy/nginx.conf.template" > "$RUN/nginx/fazhi.conf" <<'PY'
import os, string, sys
print(string.Template(open(sys.argv[1]).read()).safe_substitute(os.environ))
PY
  cat > "$RUN/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $RUN/nginx/nginx.pid;
error_log $RUN/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    access_log $RUN/nginx/logs/access.log;
    client_body_temp_path $RUN/nginx/tmp/body;
    proxy_temp_path $RUN/nginx/tmp/proxy;
    fastcgi_temp_path $RUN/nginx/tmp/fastcgi;
    uwsgi_temp_path $RUN/nginx/tmp/uwsgi;
    scgi_temp_path $RUN/nginx/tmp/scgi;
    include $RUN/nginx/fazhi.conf;
}
EOF
}

sql() { psql "$PG_BASE/postgres" -qXAt "$@"; }

database() {
  # Migrating and loading the demo take minutes on a loaded machine: the result is kept as a
  # template database (and a tar of the files the demo stored), named by a hash of every
  # migration and demo module and today's date (the demo's dates are relative to today).
  local key template cache="${FAZHI_TOPOLOGY_CACHE:-/var/tmp/fazhi-topology-cache}"
  key="$( (date +%F; cd "$ROOT" && find fazhi -path '*/migrations/*.py' -o -name 'demo*.py' \
    -o -path '*/demo/*.py' | sort | xargs sha256sum) | sha256sum | cut -c1-12)"
  template="fazhi_tpl_$key"
  mkdir -p "$cache"
  sql -c "DROP DATABASE IF EXISTS \"$DB\""
  if [[ -n "$(sql -c "SELECT 1 FROM pg_database WHERE datname = '$template'")" && -f "$cache/$key.tar" ]]; then
    log "database $DB from template $template"
    sql -c "CREATE DATABASE \"$DB\" TEMPLATE \"$template\""
    tar -C "$FAZHI_MEDIA_ROOT" -xf "$cache/$key.tar"
    return
  fi
  log "database $DB: migrate and load the demo (kept as $template)"
  sql -c "CREATE DATABASE \"$DB\""
  "$BIN/fazhi" migrate --noinput -v 0
  "$BIN/fazhi" demo > "$RUN/logs/demo.log"
  for old in $(sql -c "SELECT datname FROM pg_database WHERE datname LIKE 'fazhi\_tpl\_%'"); do
    sql -c "DROP DATABASE IF EXISTS \"$old\""
  done
  rm -f "$cache"/*.tar
  sql -c "CREATE DATABASE \"$template\" TEMPLATE \"$DB\""
  tar -C "$FAZHI_MEDIA_ROOT" -cf "$cache/$key.tar" .
}

up() {
  command -v nginx >/dev/null || { log "nginx missing: apt-get install -y nginx"; exit 1; }
  for port in "$HTTP_PORT" "${WEB_PORTS[@]}" "$REDIS_PORT" "$METRICS_PORT"; do
    port_free "$port" || { log "port $port is taken; set FAZHI_TOPOLOGY_*_PORT"; exit 1; }
  done
  write_env
  # shellcheck disable=SC1091
  source "$RUN/env"
  # A fresh file store and checkpoint file each run: the database starts fresh too.
  rm -rf "$PROMETHEUS_MULTIPROC_DIR" "$RUN/shared" && mkdir -p "$PROMETHEUS_MULTIPROC_DIR" "$RUN/logs" \
    "$FAZHI_VAR_DIR" "$FAZHI_MEDIA_ROOT"

  log "redis :$REDIS_PORT"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes --save "" \
    --appendonly no --dir "$RUN" --pidfile "$RUN/redis.pid" --logfile "$RUN/logs/redis.log"

  database
  "$BIN/fazhi" collectstatic --noinput -v 0

  for i in 0 1; do
    log "gunicorn :${WEB_PORTS[$i]} ($WORKERS workers)"
    FAZHI_BIND="127.0.0.1:${WEB_PORTS[$i]}" FAZHI_PROC_NAME="fazhi-web$((i + 1))" \
      FAZHI_CONTROL_SOCKET="$RUN/web$((i + 1)).ctl" \
      "$BIN/gunicorn" -c "$ROOT/deploy/gunicorn.conf.py" fazhi.wsgi:application --daemon \
      --pid "$RUN/web$((i + 1)).pid" --error-logfile "$RUN/logs/web$((i + 1)).log"
  done
  log "celery worker and beat"
  "$BIN/celery" -A fazhi worker --concurrency 2 --detach --pidfile "$RUN/worker.pid" \
    --logfile "$RUN/logs/worker.log" --loglevel INFO --hostname "fazhi-topology@%h"
  "$BIN/celery" -A fazhi beat --detach --pidfile "$RUN/beat.pid" --logfile "$RUN/logs/beat.log" \
    --schedule "$RUN/beat-schedule" --loglevel INFO
  log "metrics exporter :$METRICS_PORT"
  nohup "$BIN/python" "$ROOT/deploy/metrics.py" "127.0.0.1:$METRICS_PORT" \
    > "$RUN/logs/metrics.log" 2>&1 &
  echo $! > "$RUN/metrics.pid"
  log "nginx :$HTTP_PORT"
  render_nginx
  nginx -t -q -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf"
  nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf"

  wait_for "http://127.0.0.1:${WEB_PORTS[0]}/healthz" 60
  wait_for "http://127.0.0.1:${WEB_PORTS[1]}/healthz" 60
  wait_for "http://127.0.0.1:$HTTP_PORT/readyz" 30
  log "ready: http://127.0.0.1:$HTTP_PORT/"
}

stop_pidfile() {  # stop_pidfile FILE: TERM, wait up to 20 s, then KILL; only that process
  local file="$1" pid
  [[ -f "$file" ]] || return 0
  pid="$(cat "$file" 2>/dev/null || true)"
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.5
    done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

down() {
  log "stopping"
  if [[ -f "$RUN/nginx/nginx.pid" ]]; then
    nginx -p "$RUN/nginx" -c "$RUN/nginx/nginx.conf" -s quit 2>/dev/null || true
    stop_pidfile "$RUN/nginx/nginx.pid"
  fi
  for name in web1 web2 beat worker metrics redis; do
    stop_pidfile "$RUN/$name.pid"
  done
  log "stopped"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  env) write_env && cat "$RUN/env" ;;
  *) echo "usage: $0 up|down|env" >&2; exit 2 ;;
esac
