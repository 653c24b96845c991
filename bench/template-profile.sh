#!/usr/bin/env bash
# In-process cost of applying the Handlebars templates to every object of the render benchmark's platform (10,000
# apps, 50,742 objects) in one thread with bin/watasu's JVM options. Round 0 is what a cold render pays.
#   bench/template-profile.sh [ROUNDS=5] [--all-settings]
exec "$(dirname "${BASH_SOURCE[0]}")/in-process-profile.sh" io.watasu.render.TemplatesProfile "${1:-5}" "${@:2}"
