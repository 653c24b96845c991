#!/usr/bin/env bash
# In-process cost of the intent check that `watasu render` runs before writing, split into reading the rendered
# manifests and judging them, on the render benchmark's 10,000-app platform (one thread, bin/watasu's JVM options).
# The whole-process figure is bench/render-bench.sh's cold render. Run from anywhere:
#   bench/intent-check-profile.sh [ROUNDS=3]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$root/bench/generate-platform.py" > "$work/watasu.yaml"
echo "bench: building the jar and the test classes" >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package test-compile >&2)
# shellcheck disable=SC2086 # the options are a word list, as in bin/watasu
java ${WATASU_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto} -Dslf4j.internal.verbosity=ERROR \
  -cp "$root/renderer/target/test-classes:$root/renderer/target/watasu.jar" \
  io.watasu.verify.IntentCheckProfile "$work/watasu.yaml" "${1:-3}"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), java $(java -version 2>&1 | head -1)"
