#!/usr/bin/env bash
# The 1,000-case measurement of docs/test-runner.md: promptgen test over a simulator answering after 50 ms, --parallel 32.
# Prints, per run: wall time (runner's clock), throughput and share of the ideal 640 cases/s, CPU (user+sys) of the
# 1,000-case run and of a 32-case start-up baseline, runner overhead per case, peak RSS, and the load average (the
# per-case CPU moves with the machine's load; peak memory hardly does).
#   benchmarks/test-runner/measure.sh [runs=3] [extra msbuild args for the CLI build, e.g. -p:PublishReadyToRun=true]
set -euo pipefail
runs=${1:-3}
shift || true
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${PERF_DIR:-/tmp/promptgen-perf}
mkdir -p "$work" && cd "$work"

python3 - <<'PY'
import json
cases = [{"id": f"case_{i:04}", "prompt": f"Question {i}: capital of France?",
          "rules": [{"type": "string_check", "params": {"check": "contains", "value": "Paris"}}]} for i in range(1000)]
for n in (32, 1000):
    json.dump({"defaults": {"model": "openai/gpt-4o-mini"}, "cases": cases[:n]}, open(f"perf-{n}.json", "w"))
json.dump({"rules": [{"reply": "The capital of France is Paris.", "usage": {"input": 14, "output": 8}, "latencyMs": 50}]},
          open("rules.json", "w"))
PY

if [[ "$*" == *PublishReadyToRun* ]]; then
  nice -n 10 dotnet publish "$root/src/PromptGen.Cli" -c Release -r linux-x64 --self-contained false -o "$work/bin" -nologo -v:q "$@" >/dev/null
else
  nice -n 10 dotnet build "$root/src/PromptGen.Cli" -c Release -o "$work/bin" -nologo -v:q "$@" >/dev/null
fi
cli="$work/bin/PromptGen.Cli"

port=5917
"$cli" simulate --rules rules.json --port $port >simulator.log 2>&1 &
simulator=$!
trap 'kill $simulator 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.2; done
export OPENAI_BASE_URL=http://127.0.0.1:$port/v1/ OPENAI_API_KEY=sim-any-key

measure() { # suite out -> "cpu_seconds peak_kb wall_seconds"
  /usr/bin/time -v "$cli" test "$1" --parallel 32 --out "$2" --report json >"$2.stdout" 2>"$2.time" || true
  local user sys rss wall
  user=$(awk -F': ' '/User time/ {print $2}' "$2.time")
  sys=$(awk -F': ' '/System time/ {print $2}' "$2.time")
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$2.time")
  wall=$(grep -E '^\s*wall time' "$2.stdout" | awk '{print $3}')
  echo "$(echo "$user + $sys" | bc -l) $rss $wall"
}

printf '%-4s %-8s %-12s %-8s %-10s %-10s %-14s %-10s %s\n' run wall cases/s share cpu1000 cpu32 "ms CPU/case" "peak MB" "load (1m)"
for run in $(seq "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r cpu1000 rss1000 wall1000 < <(measure perf-1000.json "out1000-$run")
  read -r cpu32 _ _ < <(measure perf-32.json "out32-$run")
  python3 - "$run" "$wall1000" "$cpu1000" "$cpu32" "$rss1000" "$load" <<'PY'
import sys
run, wall, cpu1000, cpu32, rss, load = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
rate = 1000 / wall
print(f"{run:<4} {wall:<8.2f} {rate:<12.0f} {rate / 640:<8.0%} {cpu1000:<10.2f} {cpu32:<10.2f} {(cpu1000 - cpu32) / 968 * 1000:<14.2f} {rss / 1024:<10.1f} {load}")
PY
done
