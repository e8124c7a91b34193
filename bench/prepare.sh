# Sourced by run.sh and cold-start.sh: publishes the host into $host_dir unless BENCH_HOST_DIR names one already
# published, and publishes the benchmark; sets $bench_dll. Needs $root (the repository) and $host_dir.
# Both for this machine's runtime, so the code is precompiled (ReadyToRun): the host as a production publish would be,
# the benchmark so that its own start-up and JIT cost the shared cores as little as they can (bench/README.md).
rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
if [ -z "${BENCH_HOST_DIR:-}" ]; then
  dotnet publish "$root/src/RewardsBot" -c Release -r "$rid" --self-contained false -o "$host_dir" --nologo -v quiet >/dev/null
fi
bench_dll=$root/bench/RewardsBot.Bench/bin/Release/publish/RewardsBot.Bench.dll
dotnet publish "$root/bench/RewardsBot.Bench" -c Release -r "$rid" --self-contained false -o "$(dirname "$bench_dll")" --nologo -v quiet >/dev/null
