#!/usr/bin/env bash
# Publishes the host in Release, starts it on a fresh SQLite file, runs the load benchmark against it, prints the
# host's resident memory (VmRSS) afterwards, stops it.
# Usage: bench/run.sh [benchmark arguments, e.g. --scenario contact --concurrency 1,8,32,128 --seconds 10]
#        bench/run.sh --path directline ...     # the host with its Direct Line enabled (random secret, generous throttle)
#        bench/run.sh --conversations 10000 --concurrency 32   # RSS after 10,000 conversations
# BENCH_HOST_DIR=<folder> reuses a host already published there; BENCH_PORT picks the port (default 3979);
# BENCH_HOST_WARMUP=<seconds> (default 40; 0 for none) plays the mix at 32 conversations, unrecorded, before a timed run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=${BENCH_PORT:-3979}
host=
trap '[ -n "$host" ] && { kill "$host" 2>/dev/null || true; wait "$host" 2>/dev/null || true; }; rm -rf "$work"' EXIT

host_dir=${BENCH_HOST_DIR:-$work/host}
. "$root/bench/prepare.sh"

# Direct Line only when asked for: the secret is random per run and reaches the bench through the environment.
# The throttle (per token) is raised to its maximum so that it does not shape the figures.
directline=false
case " $* " in *" --path directline "*) directline=true ;; esac
if [ "$directline" = true ]; then
  BENCH_DIRECTLINE_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '\n')
  export BENCH_DIRECTLINE_SECRET
  export DirectLine__Secret=$BENCH_DIRECTLINE_SECRET DirectLine__RequestsPerMinute=100000 DirectLine__RequestBurst=10000
fi

mkdir -p "$work/data"
# The published folder is the content root, so the host reads its appsettings.json (production logging: ASP.NET Core
# at Warning, JSON lines) as it would when deployed, rather than the defaults of the folder the script runs from.
ASPNETCORE_ENVIRONMENT=Production DirectLine__Enabled=$directline ConnectionStrings__RewardsBot="Data Source=$work/data/bench.db" \
  dotnet "$host_dir/RewardsBot.dll" --urls "http://127.0.0.1:$port" --contentRoot "$host_dir" > "$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 300); do
  curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done

# A fresh host's CPU per turn settles only after ~30-40 s of load (its JIT tiering): timed runs measure a warmed host.
# Not before --conversations (RSS after N conversations of a fresh host) and not when asked for none.
warmup=${BENCH_HOST_WARMUP:-40}
case " $* " in *" --conversations "*) warmup=0 ;; esac
if [ "$warmup" -gt 0 ]; then
  path=messages
  [ "$directline" = true ] && path=directline
  echo "warming the host up: mix at 32 conversations for ${warmup}s (not recorded)"
  dotnet "$bench_dll" --url "http://127.0.0.1:$port" --path "$path" --scenario mix --concurrency 32 --seconds "$warmup" --warmup 0 >/dev/null || true
fi

status=0
dotnet "$bench_dll" --url "http://127.0.0.1:$port" "$@" || status=$?
echo
awk '/^VmRSS|^VmHWM/ { printf "host %s %.0f MB\n", ($1 == "VmRSS:" ? "RSS after the run (VmRSS):" : "peak RSS (VmHWM):        "), $2/1024 }' "/proc/$host/status"
if grep -qE '^(fail|crit):' "$work/host.log"; then
  echo "the host logged errors:"; grep -E -A3 '^(fail|crit):' "$work/host.log" | head -40
fi
exit "$status"
