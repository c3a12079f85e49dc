#!/usr/bin/env bash
# A real streaming replica (hot standby) of the local PostgreSQL cluster, for tests, benches and the failover
# drill of docs/deploy.md (issue 14). Run as root; the standby's postmaster runs as the postgres OS user.
#
#   scripts/pg-replica.sh start     pg_basebackup of the primary into $PG_REPLICA_DIR (first time), then start
#                                   a second postmaster on $PG_REPLICA_PORT streaming from the primary
#   scripts/pg-replica.sh status    both ends: in recovery?, replayed position, lag, pg_stat_replication
#   scripts/pg-replica.sh stop      stop the standby (its data stays; start resumes it)
#   scripts/pg-replica.sh promote   make the standby a primary (failover); it stops following
#   scripts/pg-replica.sh destroy   stop it and delete its data folder
#
# Environment: PG_PRIMARY_PORT (5432), PG_REPLICA_PORT (5433), PG_REPLICA_DIR (/tmp/tuanwu-replica),
# PG_HOST (127.0.0.1), PG_USER (postgres). The standby's URL: postgres://postgres@127.0.0.1:5433/<database>.
#
# The primary must accept replication connections from 127.0.0.1: `start` adds a trust line for them to its
# pg_hba.conf when none is there and reloads it (nothing else of the primary changes). No replication slot is
# made, so a standby left stopped never holds WAL back on the primary; one stopped for long may no longer find
# the WAL it needs: `destroy` and `start` it again.
set -euo pipefail

PRIMARY_PORT="${PG_PRIMARY_PORT:-5432}"
REPLICA_PORT="${PG_REPLICA_PORT:-5433}"
DIR="${PG_REPLICA_DIR:-/tmp/tuanwu-replica}"
HOST="${PG_HOST:-127.0.0.1}"
USER_NAME="${PG_USER:-postgres}"
BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"

as_postgres() { runuser -u postgres -- "$@"; }
primary_sql() { psql -h "$HOST" -p "$PRIMARY_PORT" -U "$USER_NAME" -d postgres -XAtqc "$1"; }
replica_sql() { psql -h "$HOST" -p "$REPLICA_PORT" -U "$USER_NAME" -d postgres -XAtqc "$1"; }
running() { as_postgres "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; }

allow_replication() {
  local hba
  hba="$(primary_sql 'show hba_file')"
  if ! grep -Eq '^[[:space:]]*host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$hba"; then
    echo "adding 'host replication all 127.0.0.1/32 trust' to $hba"
    printf '\n# scripts/pg-replica.sh: a local streaming standby\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
    primary_sql 'select pg_reload_conf()' >/dev/null
  fi
}

base_backup() {
  echo "pg_basebackup of ${HOST}:${PRIMARY_PORT} into $DIR"
  mkdir -p "$DIR"
  chown postgres:postgres "$DIR"
  chmod 700 "$DIR"
  # -R writes standby.signal and primary_conninfo; -X stream copies the WAL written meanwhile.
  as_postgres "$BIN/pg_basebackup" -h "$HOST" -p "$PRIMARY_PORT" -U "$USER_NAME" -D "$DIR" -R -X stream -c fast
  # Debian keeps postgresql.conf and pg_hba.conf in /etc, outside the copied folder: the standby gets its own.
  as_postgres tee "$DIR/postgresql.conf" >/dev/null <<EOF
port = $REPLICA_PORT
listen_addresses = '$HOST'
unix_socket_directories = '$DIR'
hot_standby = on
hot_standby_feedback = on
max_connections = 100
shared_buffers = 128MB
wal_level = replica
max_wal_senders = 10
logging_collector = off
EOF
  as_postgres tee "$DIR/pg_hba.conf" >/dev/null <<EOF
local all all trust
host all all 127.0.0.1/32 trust
host replication all 127.0.0.1/32 trust
EOF
  as_postgres touch "$DIR/pg_ident.conf"
  # The primary_conninfo written by -R names the application, so pg_stat_replication shows which standby it is.
  grep -q application_name "$DIR/postgresql.auto.conf" ||
    sed -i "s/^primary_conninfo = '/primary_conninfo = 'application_name=tuanwu_replica /" "$DIR/postgresql.auto.conf"
}

wait_ready() {
  for _ in $(seq 1 60); do
    pg_isready -h "$HOST" -p "$REPLICA_PORT" -q && return 0
    sleep 0.5
  done
  echo "the standby did not accept connections; its log: $DIR/postmaster.log" >&2
  tail -20 "$DIR/postmaster.log" >&2 || true
  return 1
}

cmd="${1:-status}"
case "$cmd" in
  start)
    if running; then
      echo "the standby is already running on port $REPLICA_PORT"
      exit 0
    fi
    allow_replication
    [ -f "$DIR/PG_VERSION" ] || base_backup
    as_postgres "$BIN/pg_ctl" -D "$DIR" -l "$DIR/postmaster.log" -w start >/dev/null
    wait_ready
    echo "standby on ${HOST}:${REPLICA_PORT} (in recovery: $(replica_sql 'select pg_is_in_recovery()'))"
    echo "TUANWU_DB_READ=postgres://${USER_NAME}@${HOST}:${REPLICA_PORT}/<database>"
    ;;
  stop)
    if running; then as_postgres "$BIN/pg_ctl" -D "$DIR" -m fast -w stop >/dev/null; fi
    echo "standby stopped"
    ;;
  promote)
    running || { echo "the standby is not running" >&2; exit 1; }
    started=$(date +%s.%N)
    as_postgres "$BIN/pg_ctl" -D "$DIR" -w promote >/dev/null
    until [ "$(replica_sql 'select pg_is_in_recovery()')" = "f" ]; do sleep 0.1; done
    printf 'promoted: %s:%s takes writes now (%.2f s)\n' "$HOST" "$REPLICA_PORT" "$(echo "$(date +%s.%N) - $started" | bc)"
    ;;
  status)
    if running; then
      echo "standby ${HOST}:${REPLICA_PORT} ($DIR):"
      replica_sql "select '  in recovery: ' || pg_is_in_recovery()
        || coalesce(', replayed up to ' || pg_last_wal_replay_lsn()::text, '')
        || coalesce(', last replayed commit ' || round(extract(epoch from now() - pg_last_xact_replay_timestamp())::numeric, 2) || ' s ago', '')"
    else
      echo "standby: not running ($DIR)"
    fi
    echo "primary ${HOST}:${PRIMARY_PORT} pg_stat_replication:"
    primary_sql "select '  ' || application_name || ' ' || state || ', sent ' || sent_lsn || ', replayed ' || coalesce(replay_lsn::text, '-')
      || ', replay lag ' || coalesce(replay_lag::text, '0') || ', ' || sync_state from pg_stat_replication" || true
    ;;
  destroy)
    if running; then as_postgres "$BIN/pg_ctl" -D "$DIR" -m immediate -w stop >/dev/null; fi
    rm -rf "$DIR"
    echo "standby removed"
    ;;
  *)
    sed -n '2,20p' "$0" >&2
    exit 2
    ;;
esac
