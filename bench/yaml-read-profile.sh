#!/usr/bin/env bash
# In-process cost of reading the render benchmark's rendered output (10,000 apps, 9,287 files) in one thread with
# bin/watasu's JVM options: SnakeYAML's parser events (what the parse-back costs without the fast reader), SnakeYAML's
# composer (what the verifier's reading costs without it) and io.watasu.yaml.YamlScanner (both, with it).
#   bench/yaml-read-profile.sh [ROUNDS=3]
exec "$(dirname "${BASH_SOURCE[0]}")/in-process-profile.sh" io.watasu.yaml.RenderedYamlProfile "${1:-3}"
