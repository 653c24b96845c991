#!/usr/bin/env bash
# In-process cost of reading the render benchmark's rendered output (10,000 apps, 9,287 files) in one thread with
# bin/watasu's JVM options: SnakeYAML's parser events (what the parse-back costs without the fast reader), SnakeYAML's
# composer (what the verifier's reading costs without it) and io.watasu.yaml.RenderedYaml (both, with it).
#   bench/yaml-read-profile.sh [ROUNDS=3]
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
  io.watasu.yaml.RenderedYamlProfile "$work/watasu.yaml" "${1:-3}"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), java $(java -version 2>&1 | head -1)"
