#!/usr/bin/env bash
# Failover drill (docs/deploy.md; run as root: scripts/failover-drill.sh): a throwaway primary on 5434 (the machine's 5432 is shared), its standby made by
# scripts/pg-replica.sh on 5435, two tuanwu processes writing through the primary; the primary is killed -9,
# the standby promoted, the processes pointed at it; every acknowledged write must be there.
set -euo pipefail
W="$(cd "$(dirname "$0")/.." && pwd)"; BIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"; P=/tmp/drill-primary; D=/tmp/drill-data
SAMPLE="${SAMPLE:-$W/../shared/sample}"
export PG_PRIMARY_PORT=5434 PG_REPLICA_PORT=5435 PG_REPLICA_DIR=/tmp/drill-replica
ts() { date +%s.%N; }
log() { printf '[%6.2f s] %s\n' "$(echo "$(ts) - ${T_START}" | bc)" "$*"; }
T_START=$(ts)
rm -rf "$P" "$PG_REPLICA_DIR" "$D" /tmp/drill-stop; mkdir -p "$P" "$D"; chown postgres "$P"
runuser -u postgres -- $BIN/initdb -D "$P" -A trust -U postgres >/dev/null
printf "port = 5434\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '$P'\n" >> "$P/postgresql.conf"
runuser -u postgres -- $BIN/pg_ctl -D "$P" -l "$P/log" -w start >/dev/null
log "primary up on 5434"
"$W/scripts/pg-replica.sh" start | sed 's/^/    /'
psql -h 127.0.0.1 -p 5434 -U postgres -XAtqc "alter system set synchronous_standby_names = 'tuanwu_replica'" -c "select pg_reload_conf()" >/dev/null
psql -h 127.0.0.1 -p 5434 -U postgres -XAtqc "create database tuanwu"
log "standby streaming (synchronous), database created"
export TUANWU_DB=postgres://postgres@127.0.0.1:5434/tuanwu TUANWU_SECRET=drill-secret-of-sufficient-length-0123456789 TUANWU_DATA_DIR=$D
cd "$W"
node bin/tuanwu.js import regions "$SAMPLE"/01-regions.csv >/dev/null
node bin/tuanwu.js import orgs "$SAMPLE"/02-orgs.csv >/dev/null
node bin/tuanwu.js user add --org SL-A --role org_admin --username drill_admin --password 'Drill-admin-2026!' >/dev/null
PIDS=()
start_servers() { # $1 = primary URL, $2 = read URL or empty
  for port in 3201 3202; do
    TUANWU_DB="$1" TUANWU_DB_READ="$2" PORT=$port HOST=127.0.0.1 TUANWU_LOGIN_RATE_LIMIT=1000 \
      node bin/tuanwu.js serve > "$D/server-$port.log" 2>&1 &
    PIDS+=($!)
  done
  for port in 3201 3202; do
    until curl -sf "http://127.0.0.1:$port/api/ready" >/dev/null; do sleep 0.1; done
  done
}
start_servers "$TUANWU_DB" "postgres://postgres@127.0.0.1:5435/tuanwu"
log "2 processes ready (TUANWU_DB=:5434, TUANWU_DB_READ=:5435)"
node scripts/failover-drill-writer.js http://127.0.0.1:3201,http://127.0.0.1:3202 drill_admin 'Drill-admin-2026!' "$D/acked.txt" > "$D/writer.out" &
WRITER=$!
sleep 20
log "writes flowing: $(psql -h 127.0.0.1 -p 5434 -U postgres -d tuanwu -XAtqc "select count(*) from funds") funds so far"
T_FAIL=$(ts)
kill -9 "$(head -1 "$P/postmaster.pid")"
log "FAILURE: primary postmaster killed -9"
"$W/scripts/pg-replica.sh" promote | sed 's/^/    /'
log "standby promoted"
kill -TERM "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null || true; PIDS=()
start_servers "postgres://postgres@127.0.0.1:5435/tuanwu" ""
T_BACK=$(ts)
log "processes restarted on the promoted standby (TUANWU_DB=:5435) and ready: $(echo "$T_BACK - $T_FAIL" | bc) s after the failure"
sleep 15
touch /tmp/drill-stop; wait $WRITER
log "writer: $(cat "$D/writer.out")"
psql -h 127.0.0.1 -p 5435 -U postgres -d tuanwu -XAtqc "select purpose from funds where purpose like 'drill-%'" | sort > "$D/in-db.txt"
sort "$D/acked.txt" > "$D/acked-sorted.txt"
log "acknowledged $(wc -l < "$D/acked-sorted.txt"), in the promoted database $(wc -l < "$D/in-db.txt"), acknowledged but missing: $(comm -23 "$D/acked-sorted.txt" "$D/in-db.txt" | wc -l), duplicate receipt codes: $(psql -h 127.0.0.1 -p 5435 -U postgres -d tuanwu -XAtqc "select count(*) - count(distinct code) from funds")"
kill -TERM "${PIDS[@]}"; wait "${PIDS[@]}" 2>/dev/null || true
"$W/scripts/pg-replica.sh" destroy >/dev/null; rm -rf "$P"
log "cleaned up"
