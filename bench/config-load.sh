#!/usr/bin/env bash
# Config loading benchmark: `watasu validate` with a cold JVM (bin/watasu's JVM flags), RUNS times per input.
# Inputs:
#   uniform   100 teams of 100 apps (10,000 apps, each with a web, a *-tcp and a worker process, the tcp ones
#             trusting three apps of their team)
#   platform  the render benchmark's seeded platform (bench/generate-platform.py: 10,000 apps, 1-4 processes each)
#   anchored  the same platform with one YAML anchor, which the fast composer leaves to SnakeYAML
#   one-app   a one-app file: the JVM and command-line floor every run pays
# Prints each input's size, then wall time, CPU and peak RSS of each run.
# Usage: bench/config-load.sh [RUNS]   (default 5; builds the jar first if it is missing or stale)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/bin/watasu" --version >/dev/null

awk 'BEGIN {
  print "version: 1"
  print "teams:"
  for (t = 0; t < 100; t++) {
    printf "  team-%03d:\n    apps:\n", t
    for (a = 0; a < 100; a++) {
      app = sprintf("app-%03d-%03d", t, a)
      printf "      %s:\n        processes:\n", app
      printf "          web: bundle exec puma -p $PORT\n"
      printf "          api-tcp: { command: bin/grpc-server, port: %d }\n", 50000 + a
      printf "          worker: bin/worker --queue %s\n", app
      printf "        trust: [app-%03d-%03d, app-%03d-%03d, app-%03d-%03d]\n", t, (a + 1) % 100, t, (a + 2) % 100, t, (a + 3) % 100
    }
  }
}' > "$work/uniform.yaml"
python3 "$root/bench/generate-platform.py" > "$work/platform.yaml"
sed '1s/^version: 1$/version: \&v 1/' "$work/platform.yaml" > "$work/anchored.yaml"
printf 'version: 1\nteams:\n  acme:\n    apps:\n      api: {processes: {web: run}}\n' > "$work/one-app.yaml"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //');" \
  "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for input in uniform platform anchored one-app; do
  echo "$input: $(wc -c < "$work/$input.yaml") bytes"
  for run in $(seq 1 "$runs"); do
    # The flags bin/watasu runs the jar with.
    /usr/bin/time -v java ${WATASU_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto} \
      -Dslf4j.internal.verbosity=ERROR -jar "$root/renderer/target/watasu.jar" validate "$work/$input.yaml" \
      > "$work/out.txt" 2> "$work/time.txt" || { cat "$work/out.txt" "$work/time.txt" >&2; exit 1; }
    wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | sed 's/.*: //')"
    user="$(grep 'User time' "$work/time.txt" | sed 's/.*: //')"
    sys="$(grep 'System time' "$work/time.txt" | sed 's/.*: //')"
    rss="$(grep 'Maximum resident' "$work/time.txt" | sed 's/.*: //')"
    echo "  run $run: wall $wall, CPU ${user}s user + ${sys}s sys, peak RSS ${rss} KiB; $(cat "$work/out.txt")"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
