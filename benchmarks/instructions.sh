#!/usr/bin/env bash
# Instructions per call of each probe scenario, counted by valgrind (callgrind): deterministic for the same binaries,
# whatever else the machine is doing, unlike time on a shared VM. Tiered compilation is off so the measured code is the
# fully optimized JIT output from the first call (no tier-up during the count).
# Usage: benchmarks/instructions.sh [calls] [scenario ...]   (default: 20000 calls of meai polly router generated)
set -euo pipefail
cd "$(dirname "$0")/.."
calls=${1:-20000}; shift || true
scenarios=("${@:-meai polly router generated}")
command -v valgrind >/dev/null || { echo "valgrind is needed (apt-get install valgrind)" >&2; exit 2; }
dotnet build -c Release benchmarks/PromptGen.Benchmarks -o artifacts/probes -v q -nologo >/dev/null
count() {
  DOTNET_TieredCompilation=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all \
    dotnet artifacts/probes/PromptGen.Benchmarks.dll --probe calls "$1" "$2" 2>&1 | sed -n 's/.*I *refs: *//p' | tr -d ,
}
for scenario in ${scenarios[*]}; do
  base=$(count "$scenario" 0)
  with=$(count "$scenario" "$calls")
  echo "$scenario: $(( (with - base) / calls )) instructions per call"
done
