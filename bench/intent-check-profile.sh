#!/usr/bin/env bash
# In-process cost of the intent check that `watasu render` runs before writing, split into reading the rendered
# manifests and judging them, on the render benchmark's 10,000-app platform (one thread, bin/watasu's JVM options).
# The whole-process figure is bench/render-bench.sh's cold render. Run from anywhere:
#   bench/intent-check-profile.sh [ROUNDS=3] [--all-settings]
exec "$(dirname "${BASH_SOURCE[0]}")/in-process-profile.sh" io.watasu.verify.IntentCheckProfile "${1:-3}" "${@:2}"
