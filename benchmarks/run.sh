#!/usr/bin/env bash
# The one command behind benchmarks/results/: runs the BenchmarkDotNet suite (every class, or the filters given) with
# the job the committed tables use, then copies each class's table into benchmarks/results/<Class>.md under a line
# naming the date, the machine and the command. Takes about an hour for everything on a 2-core VM.
# Usage: benchmarks/run.sh ['*Filter*' ...]
set -euo pipefail
cd "$(dirname "$0")/.."
filters=("$@")
[ ${#filters[@]} -gt 0 ] || filters=('*')
out=artifacts/benchmarks
rm -rf "$out/results"
dotnet run -c Release --project benchmarks/PromptGen.Benchmarks -- --filter "${filters[@]}" \
  --job short --warmupCount 5 --iterationCount 15 --buildTimeout 1200 --artifacts "$out"
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
machine="$cpu, $(nproc) vCPU, $(uname -sr), .NET SDK $(dotnet --version)"
for table in "$out"/results/*-report-github.md; do
  class=$(basename "$table" -report-github.md)
  class=${class##*.}
  { echo "<!-- $(date -u +%F) · $machine · benchmarks/run.sh ${filters[*]} -->"; echo; cat "$table"; } > "benchmarks/results/$class.md"
  echo "benchmarks/results/$class.md"
done
