#!/usr/bin/env bash
# Publish benchmark: the 10,000-app platform of bench/generate-platform.py (100 teams x 100 apps) into an empty
# bare repository over file:// (JGit's local transport, no server), then an incremental publish with one app
# changed (warm cache), then a no-op publish. Prints wall time, CPU time and peak RSS of each whole
# `watasu publish` process (/usr/bin/time -v), and the same for `render --check` of the tree for comparison.
# Usage: bench/publish-bench.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/user-cache"   # watasu's per-machine caches stay inside this run

# Measured through bin/watasu (its JVM flags are part of what users run); it builds the jar first if stale.
"$root/bin/watasu" --version >/dev/null

python3 "$root/bench/generate-platform.py" >"$work/platform.yaml"
python3 "$root/bench/generate-platform.py" --change t042-app017 >"$work/platform-changed.yaml"
git init --quiet --bare --initial-branch=main "$work/gitops.git"

run() {
  local label="$1"
  shift
  /usr/bin/time -v -o "$work/time.txt" "$root/bin/watasu" publish "$work/platform.yaml" \
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

echo "platform: 10,000 apps (bench/generate-platform.py); machine: $(nproc) cores," \
  "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
run "first publish (empty repository)"
# A file's status stands for its hash once it is a second old (io.watasu.output.StatCache): the first publish after
# the files were written still hashes them all; the one-app publish after it shows the steady state.
sleep 1.1
run "no change (warm cache)"
cp "$work/platform-changed.yaml" "$work/platform.yaml"
run "one app changed (warm cache)"
/usr/bin/time -v -o "$work/time.txt" "$root/bin/watasu" render "$work/platform.yaml" \
  --out "$work/cache/clusters/prod" --argocd-repo "file://$work/gitops.git" --argocd-path clusters/prod --check \
  >"$work/out.txt" 2>&1
printf '%-34s wall %8s   CPU %5ss   (rendering alone, for comparison)\n' "render --check of the same tree" \
  "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")" \
  "$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$work/time.txt")"
echo "files in the repository: $(git -C "$work/gitops.git" ls-tree -r --name-only main | wc -l)," \
  "commits: $(git -C "$work/gitops.git" rev-list --count main)"
