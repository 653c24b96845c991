#!/usr/bin/env bash
# Cold `watasu render` of the 10,000-app benchmark (bench/generate-platform.py) on the default platform and with every
# cluster setting on (--all-settings), alternated so that both meet the same load from other processes. Each round
# renders into a missing folder and prints wall time, CPU time (user+sys), peak RSS and the machine's 1-minute load;
# the summary gives each variant's CPU range. With --baseline, a copy of another build's distribution folder
# (renderer/target/distribution of the commit to compare with) renders the same two files in the same rounds, so
# that before and after meet the same load. Run from anywhere:
#   bench/render-settings-bench.sh [--baseline DIST] [ROUNDS=3]      # WATASU_JAVA_OPTS as bin/watasu uses them
set -euo pipefail
usage="usage: bench/render-settings-bench.sh [--baseline DISTRIBUTION-FOLDER] [ROUNDS]"
baseline=""
if [ "${1:-}" = "--baseline" ]; then
  baseline="${2:-}"
  [ -x "$baseline/bin/watasu" ] || { echo "$usage (no bin/watasu in '$baseline')" >&2; exit 2; }
  baseline="$(cd "$baseline" && pwd)"
  shift 2
fi
rounds="${1:-3}"
case "$rounds" in
  ''|*[!0-9]*|0) echo "$usage (ROUNDS: a positive whole number)" >&2; exit 2 ;;
esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/timing.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/user-cache"   # watasu's per-machine caches stay inside this run

python3 "$root/bench/generate-platform.py" > "$work/default.yaml"
python3 "$root/bench/generate-platform.py" --all-settings > "$work/all-settings.yaml"

echo "bench: building the jar once" >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package >&2)
touch "$root/renderer/target/watasu.jar"   # bin/watasu must not rebuild during the measurement
"$root/bin/watasu" --version >/dev/null    # ...nor prepare its class-data archive

render_round() { # build, variant, round; one cold render, one line of figures, the CPU seconds kept per build and variant
  local build="$1" variant="$2" round="$3" watasu="$root/bin/watasu"
  [ "$build" = baseline ] && watasu="$baseline/bin/watasu"
  rm -rf "$work/out"
  /usr/bin/time -v "$watasu" render "$work/$variant.yaml" --out "$work/out" 2> "$work/time.txt" >/dev/null \
    || { cat "$work/time.txt" >&2; exit 1; }
  local wall cpu rss
  wall=$(wall_seconds "$work/time.txt")
  cpu=$(cpu_seconds "$work/time.txt")
  rss=$(peak_rss_mb "$work/time.txt")
  echo "$cpu" >> "$work/$build-$variant.cpu"
  # CPU time is the figure to compare: on a shared machine wall time mostly measures the other processes.
  printf 'round %d  %-8s %-13s wall %6.2f s  cpu %6.2f s  peak RSS %4d MB  load %s  files %d\n' "$round" "$build" "$variant" \
    "$wall" "$cpu" "$rss" "$(cut -d' ' -f1 /proc/loadavg)" "$(find "$work/out" -type f -name '*.yaml' | wc -l)"
}

builds="current"
[ -n "$baseline" ] && builds="baseline current"
[ -z "$baseline" ] || "$baseline/bin/watasu" --version >/dev/null   # its class-data archive too, before measuring
runs=""
for build in $builds; do
  for variant in default all-settings; do runs="$runs $build:$variant"; done
done
for round in $(seq 1 "$rounds"); do
  # Alternate the order round by round, so that no run always follows the same one.
  order="$runs"
  [ $((round % 2)) -eq 0 ] && order="$(echo "$runs" | tr ' ' '\n' | tac | tr '\n' ' ')"
  for run in $order; do
    render_round "${run%%:*}" "${run#*:}" "$round"
  done
done
for run in $runs; do
  sort -n "$work/${run%%:*}-${run#*:}.cpu" | awk -v v="${run/:/ }" '{ a[NR] = $1 } END {
    printf "%-22s cpu min %.2f s, median %.2f s, max %.2f s over %d rounds\n", v, a[1], a[int((NR + 1) / 2)], a[NR], NR }'
done
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), java $(java -version 2>&1 | head -1)"
