# Sourced by run.sh and cold-start.sh: publishes the host into $host_dir unless BENCH_HOST_DIR names one already
# published, and builds the benchmark. Needs $root (the repository) and $host_dir.
if [ -z "${BENCH_HOST_DIR:-}" ]; then
  # For this machine's runtime, so the code is precompiled (ReadyToRun) as a production publish would be.
  rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
  dotnet publish "$root/src/RewardsBot" -c Release -r "$rid" --self-contained false -o "$host_dir" --nologo -v quiet >/dev/null
fi
dotnet build "$root/bench/RewardsBot.Bench" -c Release --nologo -v quiet >/dev/null
