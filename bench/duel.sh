#!/usr/bin/env bash
# Compares two published builds of the host under the same load at the same moment: both run side by side, each on a
# fresh SQLite file with its own benchmark playing the same scenario at the same concurrency, so whatever else the
# machine does meanwhile (other jobs on shared cores) falls on both. Prints, per run, each host's CPU per turn (from
# /proc/<pid>/stat) and turns; then the ratio B/A of each run and their median. On a shared machine the ratio of
# CPU per turn measured this way is far steadier than figures of builds measured one after the other.
# Usage: bench/duel.sh <published host A> <published host B> [runs (default 3)]
#        DUEL_WARMUP=<seconds> (default 50) of unrecorded load first: JIT tiering needs it at half the cores.
#        DUEL_SCENARIO (default mix), DUEL_CONCURRENCY (default 32 each), DUEL_SECONDS per run (default 10).
# Publish a build with: dotnet publish src/RewardsBot -c Release -r linux-x64 --self-contained false -o <folder>
# Run it twice with A and B swapped: the first host started can be favoured.
set -euo pipefail
[ $# -ge 2 ] || { sed -n 2,11p "$0"; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
a_dir=$(cd "$1" && pwd); b_dir=$(cd "$2" && pwd); runs=${3:-3}
scenario=${DUEL_SCENARIO:-mix}; concurrency=${DUEL_CONCURRENCY:-32}; seconds=${DUEL_SECONDS:-10}
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"' EXIT

host_dir=$a_dir
BENCH_HOST_DIR=$a_dir . "$root/bench/prepare.sh"

start() { # <dir> <port>
  mkdir -p "$work/$2"
  ASPNETCORE_ENVIRONMENT=Production DirectLine__Enabled=false ConnectionStrings__RewardsBot="Data Source=$work/$2/bench.db" \
    dotnet "$1/RewardsBot.dll" --urls "http://127.0.0.1:$2" --contentRoot "$1" > "$work/$2/host.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "the host in $1 did not answer on port $2; its log:" >&2; tail -20 "$work/$2/host.log" >&2; exit 1
}
start "$a_dir" 3991; a_pid=${pids[0]}
start "$b_dir" 3992; b_pid=${pids[1]}

both() { # <seconds> <output prefix>
  dotnet "$bench_dll" --url http://127.0.0.1:3991 --scenario "$scenario" --concurrency "$concurrency" --seconds "$1" --warmup 0 > "$work/$2-a.out" &
  local a=$!
  dotnet "$bench_dll" --url http://127.0.0.1:3992 --scenario "$scenario" --concurrency "$concurrency" --seconds "$1" --warmup 0 > "$work/$2-b.out" || true
  wait "$a" || true
}
cpu() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }  # user + system, in clock ticks
turns() { awk -v c="$concurrency" '$1 == c { print $7 }' "$1"; }

echo "warming both hosts up: $scenario at $concurrency each for ${DUEL_WARMUP:-50}s (not recorded)"
both "${DUEL_WARMUP:-50}" warm
tick=$(getconf CLK_TCK)
ratios=()
for r in $(seq 1 "$runs"); do
  a0=$(cpu "$a_pid"); b0=$(cpu "$b_pid")
  both "$seconds" "run$r"
  a1=$(cpu "$a_pid"); b1=$(cpu "$b_pid")
  ta=$(turns "$work/run$r-a.out"); tb=$(turns "$work/run$r-b.out")
  if [ -z "$ta" ] || [ -z "$tb" ] || [ "$ta" -eq 0 ] || [ "$tb" -eq 0 ]; then
    echo "run $r: a benchmark reported no turns"; cat "$work/run$r-a.out" "$work/run$r-b.out"; exit 1
  fi
  ua=$(( (a1 - a0) * 1000000 / tick / ta )); ub=$(( (b1 - b0) * 1000000 / tick / tb ))
  ratio=$(awk -v a="$ua" -v b="$ub" 'BEGIN { printf "%.3f", b / a }')
  ratios+=("$ratio")
  echo "run $r: A $ua µs/turn ($ta turns) | B $ub µs/turn ($tb turns) | B/A $ratio"
done
printf '%s\n' "${ratios[@]}" | sort -n | awk -v a="$a_dir" -v b="$b_dir" '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "median B/A of host CPU per turn: %.3f (A: %s, B: %s)\n", m, a, b }'
for port in 3991 3992; do
  if grep -qE '^(fail|crit):' "$work/$port/host.log"; then echo "the host on $port logged errors:"; grep -E -A3 '^(fail|crit):' "$work/$port/host.log" | head -20; fi
done
