#!/usr/bin/env bash
# Benchmark of `watasu verify` and `watasu explain` at the 10,000-app target: wall time, CPU time and peak RSS
# (/usr/bin/time -v).
# Usage: bench/verify-bench.sh [APPS] [TEAMS] [KEEP_DIR]   (KEEP_DIR: keep the generated platforms there)
#
# 1. The rendered platform: bench/generate-platform.py (the render benchmark's seeded watasu.yaml, TEAMS x APPS/TEAMS
#    apps) rendered by `watasu render`, then `verify --config` on it. Rendered output holds no workloads, so the
#    connectivity list of it is empty; that run measures reading and indexing the policies. Then `explain` of one
#    trusted caller of a *-tcp process, on that rendered folder and rendered in memory.
# 2. A platform with workloads, generated here: per team the baseline policies (default deny, DNS, internet and
#    ingress-controller egress), per app the web/tcp/rtc exposure policies and one Deployment per process (2.5 per
#    app on average: every app has web; 3 in 4 a worker; half an api-tcp trusted by the team's previous app; 1 in 4
#    a media-rtc), with a matching watasu.yaml: `verify` (connlist) and `verify --config`.
set -euo pipefail
apps="${1:-10000}"
teams="${2:-100}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ -n "${3:-}" ]; then
  work="$3"
  rm -rf "$work/manifests" "$work/rendered"
  mkdir -p "$work"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi

echo "building the renderer jar..." >&2
(cd "$root" && mvn -o -q -B -pl renderer -am -DskipTests package >&2)
jar="$root/renderer/target/distribution/lib/watasu.jar"

measure() {
  local label="$1"; shift
  /usr/bin/time -v "$@" >"$work/out.txt" 2>"$work/time.txt" || true
  local wall rss cpu
  wall="$(grep 'Elapsed (wall clock)' "$work/time.txt" | awk '{print $NF}')"
  rss="$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')"
  # CPU seconds (user + system) stay meaningful when other jobs share the cores; wall time does not.
  cpu="$(awk -F': ' '/User time|System time/ {sum += $2} END {printf "%.1f", sum}' "$work/time.txt")"
  printf '%-34s wall %8s  cpu %6ss  peak RSS %6d MiB  output %s lines\n' "$label" "$wall" "$cpu" "$((rss / 1024))" \
    "$(wc -l <"$work/out.txt")"
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), java $(java -version 2>&1 | head -1)"
touch "$jar"   # bin/watasu must not rebuild during the measurement
java_cmd=("$root/bin/watasu")   # as users run it; WATASU_JAVA_OPTS replaces its JVM options
"${java_cmd[@]}" --version >/dev/null   # writes the class-data archive now, not during the first measurement

echo "rendering bench/generate-platform.py's platform ($teams teams x $((apps / teams)) apps)..." >&2
rm -rf "$work/rendered"
python3 "$root/bench/generate-platform.py" --teams "$teams" --apps-per-team "$((apps / teams))" > "$work/rendered.yaml"
"${java_cmd[@]}" render "$work/rendered.yaml" --out "$work/rendered" >&2
echo "rendered: $(find "$work/rendered" -name '*.yaml' | wc -l) files, $(cat "$work"/rendered/*/*.yaml | grep -c '^kind: NetworkPolicy') NetworkPolicies, $(du -sh "$work/rendered" | cut -f1)"
measure "rendered: verify --config" "${java_cmd[@]}" verify "$work/rendered" --config "$work/rendered.yaml"
measure "rendered: verify (connlist)" "${java_cmd[@]}" verify "$work/rendered"
# The first app with a trust list, and the first app it trusts: an allowed *-tcp call to explain.
read -r callee caller < <(awk '/^      [a-z0-9-]+:$/ {app = substr($1, 1, length($1) - 1)}
  /^        trust: \[/ {sub(/.*\[/, ""); sub(/[],].*/, ""); print app, $0; exit}' "$work/rendered.yaml")
echo "explaining $caller -> $callee" >&2
measure "rendered: explain --rendered" "${java_cmd[@]}" explain "$caller" "$callee" --config "$work/rendered.yaml" \
  --rendered "$work/rendered"
measure "rendered: explain (in memory)" "${java_cmd[@]}" explain "$caller" "$callee" --config "$work/rendered.yaml"

echo "generating $apps apps in $teams teams with workloads under $work..." >&2
mkdir -p "$work/manifests"
awk -v apps="$apps" -v teams="$teams" -v dir="$work/manifests" -v config="$work/watasu.yaml" '
function policy_header(f, ns, name) {
  printf "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: %s, namespace: %s}\nspec:\n", name, ns > f
}
function deployment(f, ns, app, proc, port, protocol) {
  printf "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: %s-%s, namespace: %s}\nspec:\n  selector: {matchLabels: {watasu.io/app: %s, watasu.io/process: %s}}\n  template:\n    metadata: {labels: {watasu.io/team: %s, watasu.io/app: %s, watasu.io/process: %s}}\n    spec:\n      containers:\n      - name: main\n        ports: [{containerPort: %d, protocol: %s}]\n---\n", app, proc, ns, app, proc, ns, app, proc, port, protocol > f
}
BEGIN {
  except = "[10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16]"   # the default clusterCidrs
  print "version: 1\nteams:" > config
  for (t = 0; t < teams; t++) {
    ns = sprintf("team-%03d", t)
    f = dir "/" ns "-team.yaml"
    printf "apiVersion: v1\nkind: Namespace\nmetadata: {name: %s, labels: {watasu.io/team: %s}}\n---\n", ns, ns > f
    policy_header(f, ns, "default-deny")
    print "  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---" > f
    policy_header(f, ns, "allow-baseline-egress")
    print "  podSelector: {}\n  policyTypes: [Egress]\n  egress:" > f
    print "  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}\n      podSelector: {matchLabels: {k8s-app: kube-dns}}\n    ports: [{protocol: UDP, port: 53}, {protocol: TCP, port: 53}]" > f
    print "  - to:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}\n      podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}\n    ports: [{protocol: TCP, port: 80}, {protocol: TCP, port: 443}]" > f
    printf "  - to:\n    - ipBlock: {cidr: 0.0.0.0/0, except: %s}\n---\n", except > f
    printf "  %s:\n    apps:\n", ns > config
    for (i = t; i < apps; i += teams) {
      app = sprintf("app-%05d", i)
      prev = i - teams
      trusted = prev >= 0 ? sprintf("app-%05d", prev) : ""
      kind = i % 4
      f = dir "/" ns "-" app ".yaml"
      printf "      %s:\n        processes:\n          web: run web\n", app > config
      deployment(f, ns, app, "web", 5000, "TCP")
      policy_header(f, ns, app "-web")
      printf "  podSelector: {matchLabels: {watasu.io/app: %s, watasu.io/process: web}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}\n      podSelector: {matchLabels: {app.kubernetes.io/name: ingress-nginx}}\n    ports: [{protocol: TCP, port: 5000}]\n---\n", app > f
      if (kind != 1) {
        printf "          worker: run worker\n" > config
        deployment(f, ns, app, "worker", 5000, "TCP")
      }
      if (kind == 1 || kind == 2) {
        printf "          api-tcp: { command: run api, port: 7000 }\n" > config
        deployment(f, ns, app, "api-tcp", 7000, "TCP")
        callers = trusted == "" ? app : app ", " trusted
        policy_header(f, ns, app "-api-tcp")
        printf "  podSelector: {matchLabels: {watasu.io/app: %s, watasu.io/process: api-tcp}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - podSelector: {matchExpressions: [{key: watasu.io/app, operator: In, values: [%s]}]}\n    ports: [{protocol: TCP, port: 7000}]\n---\n", app, callers > f
        policy_header(f, ns, app "-api-tcp-callers")
        printf "  podSelector: {matchExpressions: [{key: watasu.io/app, operator: In, values: [%s]}]}\n  policyTypes: [Egress]\n  egress:\n  - to:\n    - podSelector: {matchLabels: {watasu.io/app: %s, watasu.io/process: api-tcp}}\n    ports: [{protocol: TCP, port: 7000}]\n---\n", callers, app > f
        if (trusted != "") printf "        trust: [%s]\n", trusted > config
      }
      if (kind == 3) {
        printf "          media-rtc: { command: run sfu, port: 40000 }\n" > config
        deployment(f, ns, app, "media-rtc", 40000, "UDP")
        policy_header(f, ns, app "-media-rtc")
        printf "  podSelector: {matchLabels: {watasu.io/app: %s, watasu.io/process: media-rtc}}\n  policyTypes: [Ingress]\n  ingress:\n  - from:\n    - ipBlock: {cidr: 0.0.0.0/0, except: %s}\n    ports: [{protocol: UDP, port: 40000}]\n---\n", app, except > f
      }
      close(f)
    }
  }
}'
echo "with workloads: $(find "$work/manifests" -name '*.yaml' | wc -l) files, $(cat "$work"/manifests/*.yaml | grep -c "^kind: Deployment") workloads, $(du -sh "$work/manifests" | cut -f1)"
measure "workloads: verify (connlist)" "${java_cmd[@]}" verify "$work/manifests"
measure "workloads: verify --config" "${java_cmd[@]}" verify "$work/manifests" --config "$work/watasu.yaml"
