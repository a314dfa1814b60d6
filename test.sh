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
