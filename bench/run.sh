#!/usr/bin/env bash
# Publishes the host in Release, starts it on a fresh SQLite file, runs the load benchmark against it, stops it.
# Usage: bench/run.sh [benchmark arguments, e.g. --concurrency 1,8,32,128 --seconds 10]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=${BENCH_PORT:-3979}
trap 'kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish "$root/src/RewardsBot" -c Release -o "$work/host" --nologo -v quiet >/dev/null
dotnet build "$root/bench/RewardsBot.Bench" -c Release --nologo -v quiet >/dev/null

ASPNETCORE_ENVIRONMENT=Production DirectLine__Enabled=false ConnectionStrings__RewardsBot="Data Source=$work/data/bench.db" \
  dotnet "$work/host/RewardsBot.dll" --urls "http://127.0.0.1:$port" > "$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

dotnet "$root/bench/RewardsBot.Bench/bin/Release/net10.0/RewardsBot.Bench.dll" --url "http://127.0.0.1:$port" "$@"
echo "host RSS after the run: $(ps -o rss= -p "$host" | awk '{printf "%.0f MB", $1/1024}')"
