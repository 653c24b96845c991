#!/usr/bin/env bash
# The phases of `watasu verify DIR --config watasu.yaml` on the render benchmark's 10,000-app platform, in one JVM
# with bin/watasu's JVM options: loading watasu.yaml, reading the rendered folder, the check, with wall and CPU time
# (all threads) of each. The whole command's figures are bench/verify-bench.sh's. Run from anywhere:
#   bench/verify-profile.sh [ROUNDS=3]
exec "$(dirname "${BASH_SOURCE[0]}")/in-process-profile.sh" io.watasu.verify.VerifyProfile "${1:-3}"
