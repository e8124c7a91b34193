#!/usr/bin/env bash
# Cold start: publishes the host in Release, then starts it N times (default 5) on a fresh SQLite file and N times on
# an existing one, timing each from just before the process is spawned to the first 200 with a reply to a
# conversationUpdate (expectReplies); prints each time and the medians.
# Usage: bench/cold-start.sh [runs]      BENCH_HOST_DIR=<folder> reuses a host already published there.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

host_dir=${BENCH_HOST_DIR:-$work/host}
. "$root/bench/prepare.sh"
dotnet "$bench_dll" --cold-start "$host_dir/RewardsBot.dll" --runs "${1:-5}"
