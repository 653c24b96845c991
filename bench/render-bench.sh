#!/usr/bin/env bash
# Whole-process benchmark of `watasu render` on a 10,000-app platform (100 teams x 100 apps).
# Measures: cold render into a missing folder (wall time, peak RSS), a re-render with nothing changed, a re-render
# after one app changed (checks that only that app's file was rewritten), and `render --check`, which renders every
# file in full (it never reuses earlier output) and audits the up-to-date folder with the independent verifier, with
# and without that audit (--no-audit). Run from anywhere:
#   bench/render-bench.sh            # prints the figures; WATASU_JAVA_OPTS as bin/watasu uses them
#   WATASU_BENCH_GUARDRAILS=cluster-network-policy bench/render-bench.sh   # the same platform with guardrails on
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/timing.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/user-cache"   # watasu's per-machine caches stay inside this run

changed_app="t042-app017"
guardrails=(${WATASU_BENCH_GUARDRAILS:+--guardrails "$WATASU_BENCH_GUARDRAILS"})
python3 "$root/bench/generate-platform.py" "${guardrails[@]}" > "$work/watasu.yaml"
python3 "$root/bench/generate-platform.py" "${guardrails[@]}" --change "$changed_app" > "$work/watasu-changed.yaml"
if cmp -s "$work/watasu.yaml" "$work/watasu-changed.yaml"; then
  echo "bench: the changed input is identical; pick another app" >&2
  exit 1
fi

echo "bench: building the jar once" >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package >&2)
touch "$root/renderer/target/watasu.jar"   # bin/watasu must not rebuild during the measurement
"$root/bin/watasu" --version >/dev/null    # ...nor prepare its class-data archive


out="$work/out"
measure "cold render (10,000 apps)" "$root/bin/watasu" render "$work/watasu.yaml" --out "$out"
files=$(find "$out" -type f -name '*.yaml' | wc -l)
echo "files rendered: $files"

# A file's status stands for its hash once it is a second old (io.watasu.output.StatCache): the first re-render after
# a cold one still hashes every file; the one-app re-render after it shows the steady state of an edit-render loop.
sleep 1.1
measure "re-render, nothing changed" "$root/bin/watasu" render "$work/watasu.yaml" --out "$out"
touch "$work/marker"; sleep 1.1
measure "re-render, one app changed" "$root/bin/watasu" render "$work/watasu-changed.yaml" --out "$out"
rewritten=$(find "$out" -type f -name '*.yaml' -newer "$work/marker" | sed "s|$out/||" | sort)
echo "rewritten: $rewritten"
team="team${changed_app:1:3}"
if [ "$rewritten" != "$team/$changed_app.yaml" ]; then
  echo "bench: FAIL: expected only $team/$changed_app.yaml to be rewritten" >&2
  exit 1
fi
measure "check (full render + audit)" "$root/bin/watasu" render "$work/watasu-changed.yaml" --out "$out" --check
measure "check --no-audit" "$root/bin/watasu" render "$work/watasu-changed.yaml" --out "$out" --check --no-audit
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), java $(java -version 2>&1 | head -1)"
