#!/usr/bin/env bash
# Runs every CamAgent test on this machine and ends with one line: "N passed, N failed".
#   ./test.sh            the default suite (a few minutes)
#   ./test.sh --soak     also the long soak and exhaustive fault runs (CAMAGENT_SOAK=1)
# Anything after "--" goes to `dotnet test` (e.g. ./test.sh -- --filter FullyQualifiedName~Cbor).
set -euo pipefail
cd "$(dirname "$0")"

extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --soak) export CAMAGENT_SOAK=1 ;;
    --) shift; extra=("$@"); break ;;
    *) echo "test.sh: unknown option '$1' (use --soak, or -- followed by dotnet test options)" >&2; exit 2 ;;
  esac
  shift
done

# What the tests need beyond the .NET SDK: Node.js and npm (independent COSE/CBOR checkers in
# tests/interop), openssl (the content-digest recipe, the rogue TLS client of the gateway test),
# curl (upload comparison), tcpdump (the egress proofs' packet captures), iproute2 and nftables
# (the gateway test's namespaces and the generated policy), libpcap (egress audit reads captures
# through it), mount (the full-disk test mounts a small tmpfs, as root), PostgreSQL and Ceph's
# monitor, OSD and RADOS gateway (the cluster store's tests), chromium (the HTML chain-of-custody
# report is opened in it, headless, through Playwright). Tests that need one of
# them fail with the reason when it is missing; none passes without checking. Installed from
# Debian packages when missing and we are root.
missing=()
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
command -v curl >/dev/null 2>&1 || missing+=(curl)
command -v tcpdump >/dev/null 2>&1 || missing+=(tcpdump)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v nft >/dev/null 2>&1 || missing+=(nftables)
ldconfig -p 2>/dev/null | grep -q 'libpcap\.so' || missing+=(libpcap0.8)
command -v mount >/dev/null 2>&1 || missing+=(mount)
[ -x /usr/bin/chromium ] || missing+=(chromium)
# The cluster store's tests start a throw-away PostgreSQL and a one-node Ceph with its S3 gateway
# (tools/cluster/start-test-cluster.sh; python3 picks free ports there).
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v ceph-mon >/dev/null 2>&1 || missing+=(ceph-mon)
command -v ceph-osd >/dev/null 2>&1 || missing+=(ceph-osd)
command -v radosgw >/dev/null 2>&1 || missing+=(radosgw)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test.sh: please install: ${missing[*]} (e.g. sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK 10 is required (see global.json)" >&2
  exit 1
fi

# Independent interop checkers used by the tests (see tests/interop/README.md).
if [ -f tests/interop/package.json ]; then
  (cd tests/interop && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

results=artifacts/test-results
rm -rf "$results"
status=0
dotnet build CamAgent.sln -nologo -v:q || { echo "0 passed, 1 failed (build failed)"; exit 1; }
for proj in $(find tests -name "*.Tests.csproj" | sort); do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "${extra[@]}" || status=$?
done

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; echo "dotnet test exited $status (build or runner error)" >&2; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
