#!/usr/bin/env bash
# Records new public symbols in each project's PublicAPI.Unshipped.txt and drops symbols that no longer exist.
# Usage: eng/update-public-api.sh [project-or-solution]   (review the diff before committing it)
set -euo pipefail
target=${1:-PromptGen.sln}
for round in 1 2 3; do
  out=$(dotnet build "$target" -nologo -clp:NoSummary 2>&1 || true)
  added=$(grep -oE "RS0016: Symbol '.*' is not part of the declared public API.*\[[^]]*\.csproj" <<<"$out" || true)
  removed=$(grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found.*\[[^]]*\.csproj" <<<"$out" || true)
  [ -z "$added$removed" ] && break
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    sym=$(sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API.*/\1/" <<<"$line")
    proj=$(sed -E 's/.*\[([^]]*\.csproj)$/\1/' <<<"$line")
    echo "$sym" >> "$(dirname "$proj")/PublicAPI.Unshipped.txt"
  done <<<"$added"
  while IFS= read -r line; do
    [ -z "$line" ] && continue
    sym=$(sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*/\1/" <<<"$line")
    proj=$(sed -E 's/.*\[([^]]*\.csproj)$/\1/' <<<"$line")
    f="$(dirname "$proj")/PublicAPI.Unshipped.txt"
    grep -vxF -- "$sym" "$f" > "$f.tmp" || true; mv "$f.tmp" "$f"
  done <<<"$removed"
  for f in $(git ls-files -co --exclude-standard '*PublicAPI.Unshipped.txt'); do
    { echo "#nullable enable"; grep -v '^#nullable enable$' "$f" | sort -u; } > "$f.tmp" && mv "$f.tmp" "$f"
  done
done
echo "$out" | grep -E "error|Build succeeded" | sort -u | head -30
