#!/usr/bin/env bash
# Benchmark of `watasu diff`: wall time, CPU time and peak RSS (/usr/bin/time -v) of one whole process per scenario.
# Usage: bench/review-bench.sh [TEAMS] [APPS_PER_TEAM]   (default 100 x 100 = 10,000 apps)
#        WATASU_JAR=/path/to/watasu.jar bench/review-bench.sh ...   (measure another build, e.g. an older one)
#        RUNS=3 SCENARIOS="trust platform" bench/review-bench.sh     (repeat runs; pick scenarios)
#
# For each scenario a temporary git repository gets two commits of the seeded platform of bench/generate-platform.py,
# the base and a head, and `diff --base HEAD~1 --head HEAD` runs once (RUNS=n for more). The script checks the exit
# code and the report:
#   trust     one app trusts one more app of its team (a one-line change, --grant): exit 4, that connection granted;
#   process   one app gains a private process (--change): exit 4, its connections granted;
#   platform  a platform section sets the public domain (--domain): every team's output changes, no connection
#             does: exit 0, every rendered app file with a web process listed as changed.
set -euo pipefail
teams="${1:-100}"
per_team="${2:-100}"
runs="${RUNS:-1}"
scenarios=" ${SCENARIOS:-trust process platform} "
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

jar="${WATASU_JAR:-}"
if [ -z "$jar" ]; then
  echo "building the distribution and its class-data archive..." >&2
  (cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package >&2)
  "$root/bin/watasu" --version >/dev/null
  jar="$root/renderer/target/distribution/lib/watasu.jar"
fi
# JVM options as bin/watasu uses them, with its class-data archive when one was made for this jar.
jvm=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dslf4j.internal.verbosity=ERROR)
archive="${jar%.jar}.jsa"
if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  jvm+=(-XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off)
else
  archive="none"
fi

generate() {
  python3 "$root/bench/generate-platform.py" --teams "$teams" --apps-per-team "$per_team" "$@"
}

# scenario NAME EXPECTED_EXIT [generator options of the head]; leaves the report in $work/NAME/out.md
scenario() {
  local name="$1" expected="$2"
  shift 2
  local repo="$work/$name"
  mkdir -p "$repo"
  git -C "$repo" init -q -b main
  generate >"$repo/watasu.yaml"
  git -C "$repo" add watasu.yaml
  git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -m base
  generate "$@" >"$repo/watasu.yaml"
  git -C "$repo" -c user.name=bench -c user.email=bench@example.com commit -q -am head
  for ((run = 1; run <= runs; run++)); do
    local load_before
    load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    set +e
    (cd "$repo" && /usr/bin/time -v java "${jvm[@]}" -jar "$jar" diff --base HEAD~1 --head HEAD >"$repo/out.md" \
      2>"$repo/time.txt")
    local code=$?
    set -e
    if [ "$code" -ne "$expected" ]; then
      echo "$name: expected exit code $expected, got $code:" >&2
      cat "$repo/time.txt" >&2
      exit 1
    fi
    local wall rss cpu
    wall="$(grep 'Elapsed (wall clock)' "$repo/time.txt" | awk '{print $NF}')"
    rss="$(grep 'Maximum resident set size' "$repo/time.txt" | awk '{print $NF}')"
    # CPU seconds (user + system) stay meaningful when other jobs share the cores; wall time does not.
    cpu="$(awk -F': ' '/User time|System time/ {sum += $2} END {printf "%.2f", sum}' "$repo/time.txt")"
    printf '%-8s wall %s  cpu %ss  peak RSS %d MiB  load before: %s  after: %s\n' "$name" "$wall" "$cpu" \
      "$((rss / 1024))" "$load_before" "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
}

echo "apps: $((teams * per_team)), jar: $jar, class-data archive: $archive, $(nproc) cores"

if [[ "$scenarios" == *" trust "* ]]; then
  scenario trust 4 --grant
  head -1 "$work/trust/out.md"
  grep -c -F -- '(team ' "$work/trust/out.md" | grep -qx 1 || { echo "trust: expected one connection" >&2; exit 1; }
  grep -F -- '-> ' "$work/trust/out.md" | head -1
fi

if [[ "$scenarios" == *" process "* ]]; then
  changed="t000-app000"
  scenario process 4 --change "$changed"
  head -1 "$work/process/out.md"
  grep -q -F -- "-> $changed:extra-tcp" "$work/process/out.md"
fi

if [[ "$scenarios" == *" platform "* ]]; then
  scenario platform 0 --domain bench.example.org
  head -1 "$work/platform/out.md"
  grep -q '^## No change in access$' "$work/platform/out.md"
  grep -q 'Rendered manifests' "$work/platform/out.md"
fi
