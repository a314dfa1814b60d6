#!/usr/bin/env bash
# Runs the CamAgent benchmarks in Release and prints their figures.
#   ./bench.sh           every benchmark
#   ./bench.sh ecdsa     only those whose name contains "ecdsa"
set -euo pipefail
cd "$(dirname "$0")"
dotnet run -c Release --project bench/CamAgent.Benchmarks -- "$@"
