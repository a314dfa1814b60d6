#!/usr/bin/env bash
# Stops what start-test-cluster.sh DIR started and removes DIR. The RADOS gateway goes first: it
# can hang on its way out once the monitor and OSD it talks to are gone.
#   stop-test-cluster.sh DIR
set -uo pipefail
dir=${1:?usage: stop-test-cluster.sh DIR}
[ -d "$dir" ] || exit 0

# stop_daemon NAME: SIGTERM by pid file, then SIGKILL after 10 s.
stop_daemon() {
  local pidfile="$dir/ceph/run/$1.pid" pid
  [ -f "$pidfile" ] || return 0
  pid=$(cat "$pidfile")
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null
}

stop_daemon client.rgw
stop_daemon osd.0
stop_daemon mon.a
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -f "$dir/pg/data/postmaster.pid" ] && [ -n "$pgbin" ]; then
  owner=""; [ "$(id -u)" -eq 0 ] && owner="runuser -u postgres --"
  $owner "$pgbin/pg_ctl" -D "$dir/pg/data" -m immediate -w -t 20 stop >/dev/null 2>&1
fi
rm -rf "$dir"
