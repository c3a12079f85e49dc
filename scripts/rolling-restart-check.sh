#!/usr/bin/env bash
# The upgrade of docs/deploy.md, measured: deploy/nginx/tuanwu.conf (on 8443, a self-signed certificate) in front
# of three tuanwu processes on a scratch PostgreSQL database, a writer posting numbered fund receipts through
# nginx (4 in flight), and each process restarted in turn (SIGTERM, start, wait for /api/ready). Prints what was
# sent, acknowledged and refused, and checks each acknowledged write is in the database once. Needs nginx, the
# local PostgreSQL (postgres@127.0.0.1:5432) and ../shared/sample; run `npm run build:server` first.
set -euo pipefail
W="$(cd "$(dirname "$0")/.." && pwd)"; D=/tmp/roll-data; N=/tmp/tuanwu-nginx-check
SAMPLE="${SAMPLE:-$W/../shared/sample}"
mkdir -p "$N"
[ -f "$N/fullchain.pem" ] || openssl req -x509 -newkey rsa:2048 -nodes -keyout "$N/privkey.pem" -out "$N/fullchain.pem" \
  -days 2 -subj /CN=tuanwu.example.cn 2>/dev/null
cat > "$N/nginx.conf" <<CONF
pid $N/nginx.pid;
error_log $N/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  access_log $N/access.log;
  client_body_temp_path $N/body;
  proxy_temp_path $N/proxy;
  fastcgi_temp_path $N/fcgi;
  uwsgi_temp_path $N/uwsgi;
  scgi_temp_path $N/scgi;
  include $N/site.conf;
}
CONF
rm -f "$N/access.log"
rm -rf "$D" /tmp/drill-stop; mkdir -p "$D"
psql -h 127.0.0.1 -U postgres -XAtqc "drop database if exists tuanwu_roll with (force)" -c "create database tuanwu_roll" >/dev/null
export TUANWU_DB=postgres://postgres@127.0.0.1:5432/tuanwu_roll TUANWU_SECRET=roll-secret-of-sufficient-length-0123456789 TUANWU_DATA_DIR=$D TUANWU_TRUST_PROXY=127.0.0.1 TUANWU_LOGIN_RATE_LIMIT=1000
cd "$W"
node bin/tuanwu.js import regions "$SAMPLE"/01-regions.csv >/dev/null
node bin/tuanwu.js import orgs "$SAMPLE"/02-orgs.csv >/dev/null
node bin/tuanwu.js user add --org SL-A --role org_admin --username roll_admin --password 'Roll-admin-2026!' >/dev/null
declare -A PID
start() { PORT=$1 HOST=127.0.0.1 node bin/tuanwu.js serve > "$D/server-$1.log" 2>&1 & PID[$1]=$!; }
ready() { until curl -sf "http://127.0.0.1:$1/api/ready" >/dev/null; do sleep 0.1; done; }
for p in 3301 3302 3303; do start $p; done
for p in 3301 3302 3303; do ready $p; done
sed -e "s#/etc/ssl/tuanwu/#$N/#" -e 's/127.0.0.1:300\([123]\)/127.0.0.1:330\1/' -e 's/listen 443 ssl http2;/listen 8443 ssl http2;/' -e 's/listen \[::\]:443 ssl http2;//' -e 's/listen 80;/listen 8080;/' -e 's/listen \[::\]:80;//' -e "s#root /var/lib/tuanwu;#root $D;#" "$W/deploy/nginx/tuanwu.conf" > "$N/site.conf"
nginx -c "$N/nginx.conf" -p "$N"
echo "nginx and 3 processes up"
NODE_TLS_REJECT_UNAUTHORIZED=0 node scripts/failover-drill-writer.js https://127.0.0.1:8443 roll_admin 'Roll-admin-2026!' "$D/acked.txt" > "$D/writer.out" 2>/dev/null &
WRITER=$!
sleep 5
T0=$(date +%s.%N)
for p in 3301 3302 3303; do
  kill -TERM "${PID[$p]}"; wait "${PID[$p]}" || true
  start $p; ready $p
  echo "restarted $p"
done
T1=$(date +%s.%N)
sleep 5
touch /tmp/drill-stop; wait $WRITER
echo "rolling restart took $(echo "$T1 - $T0" | bc) s; writer: $(cat "$D/writer.out")"
echo "acknowledged $(wc -l < "$D/acked.txt"), in database $(psql -h 127.0.0.1 -U postgres -d tuanwu_roll -XAtqc "select count(*) from funds"), duplicates $(psql -h 127.0.0.1 -U postgres -d tuanwu_roll -XAtqc "select count(*) - count(distinct purpose) from funds")"
curl -sk -o /dev/null -w "GET / via nginx: %{http_code}\n" https://127.0.0.1:8443/
echo "5xx answers in nginx's access log: $(grep -c '" 50[0-9] ' "$N/access.log" || true)"
nginx -c "$N/nginx.conf" -p "$N" -s stop
for p in 3301 3302 3303; do kill -TERM "${PID[$p]}"; done; wait || true
psql -h 127.0.0.1 -U postgres -XAtqc "drop database if exists tuanwu_roll with (force)" >/dev/null
