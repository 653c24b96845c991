#!/usr/bin/env bash
# Editor benchmark: generates a commented watasu.yaml with 100 teams of 100 apps (10,000 apps, each with a web, a
# *-tcp and a worker process and a trust list of three apps of its team) and runs `watasu apps:trust` on it with a
# cold JVM: print, add, remove and clear, RUNS times each. Every edit reads, edits, validates (before and after) and
# atomically rewrites the whole file. Prints wall time and peak RSS of each run.
# Usage: bench/edit.sh [RUNS]   (default 3; builds the jar first if it is missing or stale)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/bin/watasu" --version >/dev/null

awk 'BEGIN {
  print "version: 1"
  print "# generated for the editor benchmark"
  print "teams:"
  for (t = 0; t < 100; t++) {
    printf "  team-%03d:   # team %d\n    apps:\n", t, t
    for (a = 0; a < 100; a++) {
      app = sprintf("app-%03d-%03d", t, a)
      printf "      # %s: the %dth app\n", app, a
      printf "      %s:\n        processes:\n", app
      printf "          web: bundle exec puma -p $PORT\n"
      printf "          api-tcp: { command: bin/grpc-server, port: %d }\n", 50000 + a
      printf "          worker: bin/worker --queue %s\n", app
      printf "        trust:   # callers of api-tcp\n"
      printf "          - app-%03d-%03d\n          - app-%03d-%03d   # reviewed\n          - app-%03d-%03d\n", t, (a + 1) % 100, t, (a + 2) % 100, t, (a + 3) % 100
    }
  }
}' > "$work/watasu.yaml"

echo "input: $(wc -c < "$work/watasu.yaml") bytes, 100 teams, 10000 apps; machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
target=app-050-050
cp "$work/watasu.yaml" "$work/original.yaml"
# One cold-JVM run on a fresh copy of the generated file.
measure() {
  local name="$1"; shift
  cp "$work/original.yaml" "$work/watasu.yaml"
  /usr/bin/time -v java ${WATASU_JAVA_OPTS:-} -jar "$root/renderer/target/watasu.jar" apps:trust "$@" \
    --app "$target" --file "$work/watasu.yaml" > "$work/out.txt" 2> "$work/time.txt"
  wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | sed 's/.*: //')"
  rss="$(grep 'Maximum resident' "$work/time.txt" | sed 's/.*: //')"
  echo "$name: wall $wall, peak RSS ${rss} KiB: $(cat "$work/out.txt")"
}
for run in $(seq 1 "$runs"); do
  measure "print  run $run"
  measure "add    run $run" app-050-099
  measure "remove run $run" --remove app-050-052
  measure "clear  run $run" --clear
done
echo "lines that differ from the generated file after the last edit:"
diff "$work/original.yaml" "$work/watasu.yaml" || true
