#!/usr/bin/env python3
"""Writes a seeded watasu.yaml of TEAMS x APPS_PER_TEAM apps (1-4 processes each, trust lists of 0-4 apps of the
same team, only for apps with a *-tcp process, where trust has an effect). With --change APP, that app gets one more
private process (used to measure a one-app re-render). With --grant, the first app that has a *-tcp process and a
trust list trusts one more app of its team: a one-line change of access. With --domain, a platform section sets
the public domain: a platform-wide change that alters every team's output but no connection. With --all-settings,
every cluster setting is on: IPv6 ranges (dual-stack), node ranges with a host-network ingress controller on other
ports, DNS pods on another port and DNS addresses, link-local entries, scrapers with a metrics port on every process,
and the Kubernetes API for every fourth app. The apps, processes and trust lists are the same with and without it."""
import argparse
import random

KINDS = ["web", "api-web", "grpc-tcp", "db-tcp", "media-rtc", "worker", "cron"]

parser = argparse.ArgumentParser()
parser.add_argument("--teams", type=int, default=100)
parser.add_argument("--apps-per-team", type=int, default=100)
parser.add_argument("--seed", type=int, default=1)
parser.add_argument("--change", default=None, help="app that gets one more process")
parser.add_argument("--grant", action="store_true", help="one app trusts one more app (a one-line change)")
parser.add_argument("--domain", default=None, help="write a platform section with this public domain")
parser.add_argument("--all-settings", action="store_true", help="every cluster setting on")
parser.add_argument("--guardrails", default=None, choices=["admin-network-policy", "cluster-network-policy"],
                    help="render the guardrails with this API, and the admission policies")
args = parser.parse_args()

rng = random.Random(args.seed)
lines = ["version: 1"]
if args.domain or args.all_settings or args.guardrails:
    lines.append("platform:")
if args.guardrails:
    lines.append(f"  guardrails: {{ networkPolicy: {args.guardrails}, admission: true }}")
if args.domain:
    lines.append(f"  domain: {args.domain}")
if args.all_settings:
    lines += [
        "  profile: gke",
        "  clusterCidrs: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 34.118.224.0/20, 'fd00::/8']",
        "  nodeCidrs: [10.128.0.0/16, 'fd00:128::/64']",
        "  ingress: { ports: [8080, 8443], hostNetwork: true }",
        "  dns: { ports: [5353], addresses: [169.254.20.10, 10.96.0.10, 'fd00:20::a'] }",
        "  linkLocal:",
        "    - { cidr: 169.254.169.254/32, ports: [80] }",
        "    - { cidr: 169.254.170.23/32, ports: [80] }",
        "  scrapers:",
        "    - { namespace: monitoring, podLabels: { app.kubernetes.io/name: prometheus } }",
        "    - { namespace: observability, podLabels: { app: vmagent } }",
        "  apiServer: { addresses: [10.96.0.1, 10.128.0.2], port: 443 }",
    ]
lines.append("teams:")
granted = False
for t in range(args.teams):
    team = f"team{t:03d}"
    lines += [f"  {team}:", "    apps:"]
    apps = [f"t{t:03d}-app{a:03d}" for a in range(args.apps_per_team)]
    for app in apps:
        kinds = rng.sample(KINDS, rng.randint(1, 4))
        lines += [f"      {app}:", "        processes:"]
        for kind in kinds:
            port = rng.randint(30000, 30999) if kind.endswith("-rtc") else rng.randint(1024, 60000)
            metrics = f", metricsPort: {9000 + port % 1000}" if args.all_settings else ""
            lines.append(f"          {kind}: {{ command: run {kind}, port: {port}{metrics} }}")
        if app == args.change:
            lines.append("          extra-tcp: { command: run extra, port: 7000 }")
        trust = rng.sample([a for a in apps if a != app], rng.randint(0, 4))
        has_tcp = any(k.endswith("-tcp") for k in kinds) or app == args.change
        if trust and has_tcp and args.grant and not granted:
            trust.append(next(a for a in apps if a != app and a not in trust))
            granted = True
        if trust and has_tcp:
            lines.append(f"        trust: [{', '.join(trust)}]")
        if args.all_settings and apps.index(app) % 4 == 0:
            lines.append("        kubernetesApi: true")
print("\n".join(lines))
