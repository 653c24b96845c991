# Sourced by the bench scripts: the figures of one `/usr/bin/time -v` report (its stderr, saved to a file).
# CPU time (user + system) is the figure to compare on a shared machine: wall time mostly measures the others.

wall_seconds() { # FILE -> elapsed wall-clock seconds
  grep "Elapsed (wall clock)" "$1" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'
}

cpu_seconds() { # FILE -> user + system seconds
  awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$1"
}

peak_rss_mb() { # FILE -> maximum resident set size in MB
  grep "Maximum resident set size" "$1" | awk '{print int($NF/1024)}'
}

# label, then the command; prints wall and CPU seconds, peak RSS in MB and the machine's load. Needs $work (a scratch
# folder); MEASURE_LABEL_WIDTH sets the label column (default 30).
measure() {
  local label="$1"; shift
  /usr/bin/time -v "$@" 2> "$work/time.txt" >/dev/null || { cat "$work/time.txt" >&2; exit 1; }
  local wall cpu rss
  wall=$(wall_seconds "$work/time.txt")
  cpu=$(cpu_seconds "$work/time.txt")
  rss=$(peak_rss_mb "$work/time.txt")
  grep "^watasu:" "$work/time.txt" >&2 || true
  # CPU time is reported too: on a shared machine wall time mostly measures the other processes.
  printf "%-${MEASURE_LABEL_WIDTH:-30}s wall %6.2f s  cpu %6.2f s  peak RSS %4d MB  load %s\n" "$label" "$wall" "$cpu" "$rss" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
