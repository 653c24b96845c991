#!/usr/bin/env bash
# Runs a profiling class from the renderer's test classes in one JVM with bin/watasu's JVM options, on the render
# benchmark's 10,000-app platform: bench/intent-check-profile.sh, bench/verify-profile.sh, bench/yaml-read-profile.sh
# and bench/template-profile.sh are named entry points to it. Options after ROUNDS go to bench/generate-platform.py
# (--all-settings: every cluster setting on).
#   bench/in-process-profile.sh CLASS ROUNDS [--all-settings]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

class="$1" rounds="$2"
shift 2
python3 "$root/bench/generate-platform.py" "$@" > "$work/watasu.yaml"
echo "bench: building the jar and the test classes" >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package test-compile >&2)
# shellcheck disable=SC2086 # the options are a word list, as in bin/watasu
/usr/bin/time -f 'process: %e s wall, %U s user, %S s sys' \
  java ${WATASU_JAVA_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} -Dslf4j.internal.verbosity=ERROR \
  -cp "$root/renderer/target/test-classes:$root/renderer/target/watasu.jar" \
  "$class" "$work/watasu.yaml" "$rounds"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg), java $(java -version 2>&1 | head -1)"
