#!/usr/bin/env bash
# The phases of a cold render one after the other in one thread (loading, planning, templates, the parse-back, the
# contract check's reading and judging, writing), with the process's CPU time of each, garbage collection and
# compilation included, on the render benchmark's 10,000-app platform. Run it with and without --all-settings to see
# where the every-setting platform's extra time goes.
#   bench/render-phases-profile.sh [ROUNDS=3] [--all-settings]
rounds=3
case "${1:-}" in
  ''|--*) ;;                 # ROUNDS left out: the default, and every argument goes to the generator
  *) rounds="$1"; shift ;;
esac
exec "$(dirname "${BASH_SOURCE[0]}")/in-process-profile.sh" io.watasu.render.RenderPhasesProfile "$rounds" "$@"
