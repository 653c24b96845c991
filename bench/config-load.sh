#!/usr/bin/env bash
# Config loading benchmark: generates a watasu.yaml with 100 teams of 100 apps (10,000 apps, each with a web, a
# *-tcp and a worker process, the tcp ones trusting three apps of their team) and loads it with a cold JVM through
# `watasu validate`, RUNS times. Prints the file size, then wall time and peak RSS of each run.
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
}' > "$work/watasu.yaml"

echo "input: $(wc -c < "$work/watasu.yaml") bytes, 100 teams, 10000 apps; machine: $(nproc) cores," \
  "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for run in $(seq 1 "$runs"); do
  /usr/bin/time -v java ${WATASU_JAVA_OPTS:-} -jar "$root/renderer/target/watasu.jar" validate "$work/watasu.yaml" \
    > "$work/out.txt" 2> "$work/time.txt"
  wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | sed 's/.*: //')"
  user="$(grep 'User time' "$work/time.txt" | sed 's/.*: //')"
  sys="$(grep 'System time' "$work/time.txt" | sed 's/.*: //')"
  rss="$(grep 'Maximum resident' "$work/time.txt" | sed 's/.*: //')"
  echo "run $run: wall $wall, CPU ${user}s user + ${sys}s sys, peak RSS ${rss} KiB; $(cat "$work/out.txt")"
done
