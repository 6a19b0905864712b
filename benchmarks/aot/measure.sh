#!/usr/bin/env bash
# Native AOT measurement of samples/PromptGen.Samples.QuickStart: trim/AOT warnings (PromptGen's own and the generated
# code's, apart from third-party summaries), binary size, and start-up to the first completed call.
#
#   benchmarks/aot/measure.sh [--runs N] [--detailed] [--keep]
#
#   --runs N     how many times to run the binary (default 5)
#   --detailed   a third publish with TrimmerSingleWarn=false: each third-party summary warning expanded into its
#                individual warnings (slow: another native compile)
#   --keep       keep the work folder (logs, artifacts, binary) and print its path
#
# Publishes twice into a fresh artifacts folder (nothing in the repository's bin/obj is touched):
#   1. as shipped: the sample's NoWarn accepts the third-party summary warnings IL2104/IL3053, and every other warning
#      is an error (TreatWarningsAsErrors), so this publish succeeding is itself the first check;
#   2. with -p:AcceptThirdPartyTrimWarnings=false (the csproj lifts its NoWarn and lets ILC report warnings as
#      warnings), so the honest count is visible. The native compile is forced to run again.
# The binary runs offline (no API keys in its environment: it starts its in-process simulator), timed with
# /usr/bin/time -v; PROMPTGEN_SAMPLE_TIMING=1 makes it print the time from process start to the first answer.
set -euo pipefail

runs=5
detailed=false
keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --detailed) detailed=true; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
project="$root/samples/PromptGen.Samples.QuickStart/PromptGen.Samples.QuickStart.csproj"
work="$(mktemp -d "${TMPDIR:-/tmp}/promptgen-aot.XXXXXX")"
artifacts="$work/artifacts"
if [[ "$keep" != true ]]; then
  trap 'rm -rf "$work"' EXIT
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 MSBUILDDISABLENODEREUSE=1

# publish NAME [msbuild properties...]: a Native AOT publish whose warnings land in $work/NAME.warnings (each once).
publish() {
  local name="$1"; shift
  local started=$SECONDS
  # ILC must run again to report its warnings: drop the sample's previous native output.
  find "$artifacts/obj" -type d -name native -path '*PromptGen.Samples.QuickStart*' -prune -exec rm -rf {} + 2>/dev/null || true
  if ! dotnet publish "$project" -c Release -r linux-x64 --artifacts-path "$artifacts" -o "$work/$name" \
      -nodeReuse:false -clp:NoSummary "-flp:LogFile=$work/$name.log;Verbosity=normal;NoSummary" "$@" > "$work/$name.out" 2>&1; then
    echo "publish '$name' failed; its output:" >&2
    tail -n 60 "$work/$name.out" >&2
    exit 1
  fi
  # Each warning once: without MSBuild's node prefix ("1>") and project suffix (" [x.csproj]").
  grep -Eo '[^ ].*warning IL[23][0-9]{3}:.*' "$work/$name.log" | sed -E 's/^[0-9]+>//; s/ \[[^]]*\.csproj[^]]*\]$//' | sort -u > "$work/$name.warnings" || true
  echo "  $name: published in $((SECONDS - started)) s"
}

# Attribution: a warning belongs to PromptGen (its libraries or the generated code) when its location is a file of this
# repository or a generated file, its origin member is in a PromptGen namespace (the sample's too), or it is a summary
# for a PromptGen assembly.
is_promptgen='(^|[ (])'"$(printf '%s' "$root" | sed 's/[.[\*^$/]/\\&/g')"'/|/PromptGen\.Generators/|warning IL[23][0-9]{3}: PromptGen\.|Assembly '\''PromptGen[^'\'']*'\'''

count() { grep -Ec "$2" "$1" || true; }

report_warnings() {
  local file="$1" label="$2"
  local total own third
  total=$(wc -l < "$file" | tr -d ' ')
  own=$(count "$file" "$is_promptgen")
  third=$((total - own))
  echo "  $label: $total IL2xxx/IL3xxx warning(s): PromptGen + generated code $own, third-party $third"
  if [[ "$own" -gt 0 ]]; then
    grep -E "$is_promptgen" "$file" | sed 's/^/    PromptGen: /'
  fi
  if [[ "$third" -gt 0 ]]; then
    grep -Ev "$is_promptgen" "$file" \
      | sed -E "s/.*warning (IL[23][0-9]{3}): (Assembly '[^']+' produced [a-zA-Z ]+ warnings).*/\1 \2/; t; s/.*warning (IL[23][0-9]{3}): ([^(:]+).*/\1 \2/" \
      | sort | uniq -c | sort -rn | sed 's/^/    third-party: /'
  fi
}

echo "Native AOT publish of the QuickStart (linux-x64, Release); work folder $work"
publish shipped
publish lifted -p:AcceptThirdPartyTrimWarnings=false
if [[ "$detailed" == true ]]; then
  publish detailed -p:AcceptThirdPartyTrimWarnings=false -p:TrimmerSingleWarn=false
fi

echo
echo "Warnings"
report_warnings "$work/shipped.warnings" "as shipped (NoWarn IL2104;IL3053)"
report_warnings "$work/lifted.warnings" "NoWarn lifted            "
if [[ "$detailed" == true ]]; then
  report_warnings "$work/detailed.warnings" "lifted, TrimmerSingleWarn=false"
fi

binary="$work/lifted/PromptGen.Samples.QuickStart"
cmp -s "$binary" "$work/shipped/PromptGen.Samples.QuickStart" && same="identical to the shipped publish" || same="differs from the shipped publish (warning settings only)"
size=$(stat -c %s "$binary")
echo
echo "Binary"
echo "  $(awk -v b="$size" 'BEGIN { printf "%.1f MiB (%d bytes)", b / 1048576, b }'), $same"

echo
echo "Start-up: $runs offline runs of the whole sample (three calls, one with a ~200 ms retry wait), /usr/bin/time -v"
walls=() rss=() first=() main=()
for ((i = 1; i <= runs; i++)); do
  out="$work/run$i.out"
  env -u OPENAI_API_KEY -u ANTHROPIC_API_KEY PROMPTGEN_SAMPLE_TIMING=1 /usr/bin/time -v "$binary" > "$out" 2> "$work/run$i.time"
  for expected in "[1] The capital of France is Paris." "[2] Red." "[3] Tokyo, Japan: population 37,400,000"; do
    grep -qF "$expected" "$out" || { echo "run $i did not print '$expected':" >&2; cat "$out" >&2; exit 1; }
  done
  walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; printf "%.0f", s * 1000 }' "$work/run$i.time")")
  rss+=("$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$work/run$i.time")")
  first+=("$(sed -nE 's/.*first answer ([0-9]+) ms after process start.*/\1/p' "$out")")
  main+=("$(sed -nE 's/.*, ([0-9]+) ms after entering Main.*/\1/p' "$out")")
done

stats() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { printf "min %s, median %s, max %s", v[1], (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[NR] }'; }
echo "  whole run, wall (ms):                         $(stats "${walls[@]}")"
echo "  first answer after process start (ms, ±10):   $(stats "${first[@]}")"
echo "  first answer after entering Main (ms):        $(stats "${main[@]}")"
echo "  max RSS (MiB):                                $(stats "${rss[@]}")"
if [[ "$keep" == true ]]; then
  echo
  echo "Kept: $work"
fi
