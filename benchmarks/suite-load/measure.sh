#!/usr/bin/env bash
# Measures how long 'promptgen test --dry-run' takes to load (parse, position, check) one-line (minified) and
# pretty-printed suites of about 5 MB and 50 MB. Positions are computed in one pass, so time grows linearly with size.
# Usage: benchmarks/suite-load/measure.sh [path to the PromptGen.Cli executable]
set -euo pipefail
cli="${1:-$(dirname "$0")/../../src/PromptGen.Cli/bin/Release/net10.0/PromptGen.Cli}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
for mb in (5, 50):
    cases, size, i = [], 0, 0
    while size < mb * 1_000_000:
        case = {"id": f"case_{i}", "prompt": f"What is {i} plus {i}? Answer with the number only, no words, no punctuation.",
                "rules": [{"type": "string_check", "params": {"check": "contains", "value": str(2 * i)}}]}
        size += len(json.dumps(case, separators=(",", ":"))) + 1
        cases.append(case)
        i += 1
    with open(f"{work}/one-line-{mb}mb.json", "w") as f:
        json.dump({"cases": cases}, f, separators=(",", ":"))
    with open(f"{work}/pretty-{mb}mb.json", "w") as f:
        json.dump({"cases": cases}, f, indent=2)
PY
for suite in one-line-5mb pretty-5mb one-line-50mb pretty-50mb; do
  file="$work/$suite.json"
  bytes=$(stat -c %s "$file")
  start=$(date +%s.%N)
  "$cli" test "$file" --dry-run > "$work/out.txt"
  end=$(date +%s.%N)
  printf '%-14s %6.1f MB  %s cases  %6.2f s\n' "$suite" "$(echo "$bytes / 1000000" | bc -l)" "$(tail -1 "$work/out.txt" | cut -d' ' -f1)" "$(echo "$end - $start" | bc -l)"
done
