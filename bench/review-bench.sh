#!/usr/bin/env bash
# Benchmark of `watasu diff`: wall time, CPU time and peak RSS (/usr/bin/time -v) of one whole process.
# Usage: bench/review-bench.sh [TEAMS] [APPS_PER_TEAM]   (default 100 x 100 = 10,000 apps)
#
# A temporary git repository gets two commits of the seeded platform of bench/generate-platform.py: the base, and the
# head where one app gained a private process (--change). `diff` renders both, evaluates both sets of rendered
# policies, and must report the new process's connections as granted (exit code 4).
set -euo pipefail
teams="${1:-100}"
per_team="${2:-100}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "building the renderer jar..." >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package >&2)
jar="$root/renderer/target/watasu.jar"

changed="t000-app000"
git -C "$work" init -q -b main
python3 "$root/bench/generate-platform.py" --teams "$teams" --apps-per-team "$per_team" >"$work/watasu.yaml"
git -C "$work" add watasu.yaml
git -C "$work" -c user.name=bench -c user.email=bench@example.com commit -q -m base
python3 "$root/bench/generate-platform.py" --teams "$teams" --apps-per-team "$per_team" --change "$changed" \
  >"$work/watasu.yaml"
git -C "$work" -c user.name=bench -c user.email=bench@example.com commit -q -am head

echo "apps: $((teams * per_team)), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
set +e
(cd "$work" && /usr/bin/time -v java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dslf4j.internal.verbosity=ERROR \
  -jar "$jar" diff --base HEAD~1 --head HEAD >"$work/out.md" 2>"$work/time.txt")
code=$?
set -e
if [ "$code" -ne 4 ]; then
  echo "expected exit code 4 (access widened), got $code:" >&2
  cat "$work/time.txt" >&2
  exit 1
fi
wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
rss="$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')"
# CPU seconds (user + system) stay meaningful when other jobs share the cores; wall time does not.
cpu="$(awk -F': ' '/User time|System time/ {sum += $2} END {printf "%.1f", sum}' "$work/time.txt")"
printf 'diff, one app changed: wall %s  cpu %ss  peak RSS %d MiB  load after: %s\n' "$wall" "$cpu" "$((rss / 1024))" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
head -1 "$work/out.md"
grep -F -- "-> $changed:extra-tcp" "$work/out.md"
