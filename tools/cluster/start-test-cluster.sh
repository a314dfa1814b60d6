#!/usr/bin/env bash
# Starts a throw-away cluster store for tests and benchmarks, everything inside DIR and on loopback:
#   - PostgreSQL (Debian package postgresql): initdb into DIR/pg, a private port, trust auth on 127.0.0.1 only;
#   - a one-node Ceph (Debian packages ceph-mon ceph-osd radosgw): one monitor, one OSD on memstore
#     (in memory), and the RADOS gateway (beast) as the S3 endpoint, with one S3 user.
# Writes DIR/cluster.env (PG_PORT, PG_DATABASE, PG_USER, S3_URL, S3_ACCESS_KEY, S3_SECRET_KEY) and prints
# "cluster: ready" when every server answers. Stop with tools/cluster/stop-test-cluster.sh DIR.
# Exits non-zero with the reason when a tool is missing or a server does not come up.
#   start-test-cluster.sh DIR
set -euo pipefail
dir=${1:?usage: start-test-cluster.sh DIR}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
here=$(cd "$(dirname "$0")" && pwd)

fail() { echo "cluster: $*" >&2; exit 1; }
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pgbin" ] && [ -x "$pgbin/initdb" ] || fail "PostgreSQL is not installed (Debian package postgresql)"
for tool in ceph-mon ceph-osd radosgw radosgw-admin monmaptool ceph uuidgen; do
  command -v "$tool" >/dev/null 2>&1 || fail "$tool is missing (Debian packages ceph-mon ceph-osd radosgw)"
done

# A free loopback port: bind to 0 and read back what the kernel chose.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local limit=$1 what=$2; shift 2
  for _ in $(seq 1 $((limit * 10))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.1; done
  fail "$what did not come up within ${limit}s (logs in $dir)"
}

start_postgres() {
  local port=$1 owner=""
  mkdir -p "$dir/pg" "$dir/pgrun"
  # PostgreSQL refuses to run as root: run it as the postgres user the Debian package creates.
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || fail "running as root needs the postgres user (Debian package postgresql)"
    chown postgres "$dir/pg" "$dir/pgrun"; chmod 700 "$dir/pg"; owner="runuser -u postgres --"
  fi
  $owner "$pgbin/initdb" -D "$dir/pg/data" -U camagent -A trust --no-sync -E UTF8 >"$dir/pg-initdb.log" 2>&1 \
    || fail "initdb failed (see $dir/pg-initdb.log)"
  $owner "$pgbin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/postgres.log" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/pgrun -c max_connections=300 -c fsync=on" \
    >/dev/null || fail "PostgreSQL did not start (see $dir/pg/postgres.log)"
  "$pgbin/psql" -h 127.0.0.1 -p "$port" -U camagent -d postgres -qc "CREATE DATABASE camagent" >/dev/null \
    || fail "cannot create the database"
}

# The gateway's sockets set TCP_NODELAY (beast's tcp_nodelay=1): without it a GET's body waits
# behind its head for the client's delayed ACK, about 40 ms per small object on loopback.
write_ceph_conf() {
  local fsid=$1 monport=$2 rgwport=$3
  mkdir -p "$dir/ceph/run" "$dir/ceph/log" "$dir/ceph/mon" "$dir/ceph/osd" "$dir/ceph/rgw"
  cat >"$dir/ceph/ceph.conf" <<EOF
[global]
fsid = $fsid
mon host = v2:127.0.0.1:$monport
mon initial members = a
public network = 127.0.0.0/8
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
run dir = $dir/ceph/run
admin socket = $dir/ceph/run/\$name.asok
log file = $dir/ceph/log/\$name.log
pid file = $dir/ceph/run/\$name.pid
keyring = $dir/ceph/keyring
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd crush chooseleaf type = 0
mon allow pool size one = true
mon warn on pool no redundancy = false
mon max pg per osd = 1000
[mon]
mon data = $dir/ceph/mon
paxos propose interval = 0.05
[osd]
osd data = $dir/ceph/osd
osd objectstore = memstore
memstore device bytes = 2147483648
[client.rgw]
rgw frontends = beast endpoint=127.0.0.1:$rgwport tcp_nodelay=1
rgw data = $dir/ceph/rgw
rgw enable usage log = false
EOF
}

start_ceph() {
  local monport=$1 rgwport=$2 fsid osduuid conf="$dir/ceph/ceph.conf"
  fsid=$(uuidgen); osduuid=$(uuidgen)
  write_ceph_conf "$fsid" "$monport" "$rgwport"
  : >"$dir/ceph/keyring"
  monmaptool --create --addv a "[v2:127.0.0.1:$monport]" --fsid "$fsid" "$dir/ceph/monmap" >/dev/null
  ceph-mon -c "$conf" --mkfs -i a --monmap "$dir/ceph/monmap" >/dev/null 2>&1 || fail "ceph-mon --mkfs failed"
  ceph-mon -c "$conf" -i a 2>>"$dir/ceph/log/start.log" || fail "ceph-mon did not start"
  wait_for 30 "the Ceph monitor" ceph -c "$conf" --connect-timeout 2 mon stat
  ceph -c "$conf" osd new "$osduuid" >/dev/null || fail "cannot register the OSD"
  ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osduuid" >/dev/null 2>&1 || fail "ceph-osd --mkfs failed"
  ceph-osd -c "$conf" -i 0 2>>"$dir/ceph/log/start.log" || fail "ceph-osd did not start"
  wait_for 30 "the Ceph OSD" sh -c "ceph -c '$conf' osd stat | grep -q '1 up'"
  radosgw -c "$conf" -n client.rgw 2>>"$dir/ceph/log/start.log" || fail "radosgw did not start"
  wait_for 60 "the RADOS gateway" python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$rgwport/')"
  radosgw-admin -c "$conf" user create --uid=camagent --display-name=camagent \
    --access-key="$S3_ACCESS_KEY" --secret-key="$S3_SECRET_KEY" >/dev/null || fail "cannot create the S3 user"
}

PG_PORT=$(free_port); MON_PORT=$(free_port); RGW_PORT=$(free_port)
S3_ACCESS_KEY=$(head -c 10 /dev/urandom | od -An -tx1 | tr -d ' \n' | tr 'a-f' 'A-F')
S3_SECRET_KEY=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
start_postgres "$PG_PORT"
start_ceph "$MON_PORT" "$RGW_PORT"
umask 077
cat >"$dir/cluster.env" <<EOF
PG_PORT=$PG_PORT
PG_DATABASE=camagent
PG_USER=camagent
S3_URL=http://127.0.0.1:$RGW_PORT
S3_ACCESS_KEY=$S3_ACCESS_KEY
S3_SECRET_KEY=$S3_SECRET_KEY
EOF
echo "cluster: ready (PostgreSQL 127.0.0.1:$PG_PORT, S3 http://127.0.0.1:$RGW_PORT; stop with $here/stop-test-cluster.sh $dir)"
