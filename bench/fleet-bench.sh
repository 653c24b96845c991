#!/usr/bin/env bash
# Whole-process benchmark of `watasu render` on a fleet: the render benchmark's 10,000-app platform (100 teams x
# 100 apps) on 1, 2 and 5 clusters, every app on every cluster (10,000 app placements per cluster, 50,000 on five).
# The five clusters have three platforms in effect (two plain, two GKE, one EKS), as a staging cluster, regions and
# a disaster-recovery copy would: clusters with equal platforms share their rendered bytes. Measures a cold render
# of each size, then on five clusters a re-render with nothing changed and one after one app changed. Run from
# anywhere:
#   bench/fleet-bench.sh             # prints the figures; WATASU_JAVA_OPTS as bin/watasu uses them
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$root/bench/timing.sh"
MEASURE_LABEL_WIDTH=36
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME="$work/user-cache"   # watasu's per-machine caches stay inside this run

changed_app="t042-app017"
python3 "$root/bench/generate-platform.py" > "$work/platform.yaml"
python3 "$root/bench/generate-platform.py" --change "$changed_app" > "$work/platform-changed.yaml"

fleet() { # clusters, input, output: the platform with the first N of the five clusters
  python3 - "$1" "$2" > "$3" <<'PY'
import sys
count, source = int(sys.argv[1]), sys.argv[2]
clusters = [
    "  staging: { server: https://kubernetes.default.svc, labels: { env: staging } }",
    "  eu-prod: { server: https://eu-prod.example.com:6443, labels: { env: prod },"
    " platform: { profile: gke, clusterCidrs: [10.8.0.0/14, 10.12.0.0/20, 34.118.224.0/20] } }",
    "  us-prod: { name: us-prod, labels: { env: prod }, platform: { profile: eks } }",
    "  ap-prod: { server: https://ap-prod.example.com:6443, labels: { env: prod },"
    " platform: { profile: gke, clusterCidrs: [10.8.0.0/14, 10.12.0.0/20, 34.118.224.0/20] } }",
    "  dr: { server: https://dr.example.com:6443, labels: { env: dr } }",
]
text = open(source).read()
head, sep, rest = text.partition("teams:\n")
print(head + "clusters:\n" + "\n".join(clusters[:count]) + "\n" + sep + rest, end="")
PY
}

echo "bench: building the jar once" >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package >&2)
touch "$root/renderer/target/watasu.jar"   # bin/watasu must not rebuild during the measurement
"$root/bin/watasu" --version >/dev/null    # ...nor prepare its class-data archive


for n in 1 2 5; do
  fleet "$n" "$work/platform.yaml" "$work/fleet-$n.yaml"
  measure "cold render, $n cluster(s)" "$root/bin/watasu" render "$work/fleet-$n.yaml" --out "$work/out-$n"
  echo "files rendered: $(find "$work/out-$n" -type f -name '*.yaml' | wc -l)"
done
fleet 5 "$work/platform-changed.yaml" "$work/fleet-5-changed.yaml"
out="$work/out-5"
sleep 1.1   # a file's status stands for its hash once it is a second old (io.watasu.output.StatCache)
measure "re-render, nothing changed, 5" "$root/bin/watasu" render "$work/fleet-5.yaml" --out "$out"
touch "$work/marker"; sleep 1.1
measure "re-render, one app changed, 5" "$root/bin/watasu" render "$work/fleet-5-changed.yaml" --out "$out"
rewritten=$(find "$out" -type f -name '*.yaml' -newer "$work/marker" | sed "s|$out/||" | sort | tr '\n' ' ')
echo "rewritten: $rewritten"
team="team${changed_app:1:3}"
expected=""
for c in staging eu-prod us-prod ap-prod dr; do expected="$expected$c/$team/$changed_app.yaml "; done
if [ "$(echo "$rewritten" | tr ' ' '\n' | sort | tr '\n' ' ')" != "$(echo "$expected" | tr ' ' '\n' | sort | tr '\n' ' ')" ]; then
  echo "bench: FAIL: expected only the changed app's file on each cluster to be rewritten" >&2
  exit 1
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), java $(java -version 2>&1 | head -1)"
