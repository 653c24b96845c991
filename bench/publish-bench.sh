#!/usr/bin/env bash
# Publish benchmark: the 10,000-app platform into an empty bare repository over file:// (JGit's local transport,
# no server), then an incremental publish with one app changed (warm cache), then a no-op publish.
# Prints wall time and peak RSS of each whole `watasu publish` process (/usr/bin/time -v).
# Usage: bench/publish-bench.sh [TEAMS] [APPS_PER_TEAM]   (defaults 100 x 100 = 10,000 apps)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
teams="${1:-100}"
apps_per_team="${2:-100}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/bin/watasu" --version >/dev/null   # builds the jar if it is stale, outside the measurements
jar="$root/renderer/target/watasu.jar"

# Every app: public web, a private TCP service trusted by its neighbour, a worker.
generate() {
  local changed_port="$1"
  echo "version: 1"
  echo "teams:"
  for ((t = 0; t < teams; t++)); do
    echo "  team-$t:"
    echo "    apps:"
    for ((a = 0; a < apps_per_team; a++)); do
      local port=9000
      if ((t == 0 && a == 0)); then port="$changed_port"; fi
      echo "      app-$t-$a:"
      echo "        processes:"
      echo "          web: bin/web"
      echo "          api-tcp: { command: bin/api, port: $port }"
      echo "          worker: bin/worker"
      if ((a > 0)); then echo "        trust: [app-$t-$((a - 1))]"; fi
    done
  done
}

generate 9000 >"$work/platform.yaml"
git init --quiet --bare --initial-branch=main "$work/gitops.git"

run() {
  local label="$1"
  shift
  /usr/bin/time -v -o "$work/time.txt" java ${WATASU_JAVA_OPTS:-} -jar "$jar" publish "$work/platform.yaml" \
    --repo "file://$work/gitops.git" --path clusters/prod --cache-dir "$work/cache" "$@" \
    >"$work/out.txt" 2>"$work/err.txt" || { cat "$work/err.txt" >&2; exit 1; }
  local wall cpu rss
  wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")"
  cpu="$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time.txt")"
  rss="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")"
  printf '%-34s wall %8s   CPU %5ss   peak RSS %5d MiB   load %s\n' "$label" "$wall" "$cpu" "$((rss / 1024))" \
    "$(cut -d' ' -f1 /proc/loadavg)"
  printf '    %s\n' "$(head -c 160 "$work/out.txt")"
}

echo "platform: $teams teams x $apps_per_team apps = $((teams * apps_per_team)) apps; machine: $(nproc) cores," \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
run "first publish (empty repository)"
generate 9001 >"$work/platform.yaml"
run "one app changed (warm cache)"
run "no change (warm cache)"
/usr/bin/time -v -o "$work/time.txt" java ${WATASU_JAVA_OPTS:-} -jar "$jar" render "$work/platform.yaml" \
  --out "$work/cache/clusters/prod" --argocd-repo "file://$work/gitops.git" --argocd-path clusters/prod --check \
  >"$work/out.txt" 2>&1
printf '%-34s wall %8s   CPU %5ss   (rendering alone, for comparison)\n' "render --check of the same tree" \
  "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")" \
  "$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time.txt")"
echo "files in the repository: $(git -C "$work/gitops.git" ls-tree -r --name-only main | wc -l)," \
  "commits: $(git -C "$work/gitops.git" rev-list --count main)"
