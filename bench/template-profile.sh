#!/usr/bin/env bash
# In-process cost of applying the Handlebars templates to every object of the render benchmark's platform (10,000
# apps, 50,742 objects) in one thread with bin/watasu's JVM options. Round 0 is what a cold render pays.
#   bench/template-profile.sh [ROUNDS=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$root/bench/generate-platform.py" > "$work/watasu.yaml"
echo "bench: building the jar and the test classes" >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package test-compile >&2)
# shellcheck disable=SC2086 # the options are a word list, as in bin/watasu
/usr/bin/time -f 'process: %e s wall, %U s user, %S s sys' \
  java ${WATASU_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto} -Dslf4j.internal.verbosity=ERROR \
  -cp "$root/renderer/target/test-classes:$root/renderer/target/watasu.jar" \
  io.watasu.render.TemplatesProfile "$work/watasu.yaml" "${1:-5}"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), java $(java -version 2>&1 | head -1)"
