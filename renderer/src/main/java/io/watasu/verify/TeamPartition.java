package io.watasu.verify;

import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When the intent check of a whole platform can be made team by team without changing a single line of its result,
 * and the per-team inputs.
 *
 * <p>Every violation and promise of the check has a process pod of some team T at one end. The other end is a pod of
 * T, a platform pod (DNS, ingress controller), a probe (a label copy or the outside pod), an external range, or a pod
 * of another team U. The first four are placed in T's own check too, judged by the same policies: T's (which select
 * T's pods only) and those of namespaces of no team (which select platform pods only). The last is what a per-team
 * check would miss, and probes of U's apps could only differ by what T's rules admit from the probe namespace. So
 * the split is exact when:
 * <ul>
 *   <li>no Admin-tier policy allows (Accept) anything: Deny and Pass can only take away, so no pair of pods of two
 *       teams gets through that the NetworkPolicies would refuse. An Admin-tier policy whose subject is one team's
 *       namespace by name (a guardrail) is checked with that team only, as it selects no other pod; the others, and
 *       Baseline-tier ones (which never decide for the team pods that every team's policies isolate), with every
 *       team;</li>
 *   <li>in every team namespace a policy with an empty podSelector isolates every pod for ingress and one for egress
 *       (so a pod of T reaches or admits only what T's rules name);</li>
 *   <li>no rule of a team's policies admits any peer, and no namespaceSelector of them matches another team's
 *       namespace or the probe namespace (ipBlocks never match pods).</li>
 * </ul>
 * The caller keeps the address space cut as for the whole platform, so that external ranges print the same.
 */
final class TeamPartition {
    private TeamPartition() {
    }

    /** The manifests each team's check reads, in team order; null when the split would not be exact. */
    static Map<Team, ManifestSet> of(WatasuConfig config, ManifestSet rendered, String probeNamespace) {
        if (config.teams().size() < 2) {
            return null;
        }
        Set<String> teams = config.teams().stream().map(Team::name).collect(Collectors.toSet());
        Map<String, List<AdminPolicy>> adminByTeam = new HashMap<>();
        List<AdminPolicy> sharedAdmin = new ArrayList<>();
        for (AdminPolicy policy : rendered.adminPolicies()) {
            if (policy.tier() == AdminPolicy.Tier.ADMIN && allowsAnything(policy)) {
                return null;
            }
            Set<String> pinned = policy.tier() == AdminPolicy.Tier.ADMIN ? policy.subject().pinnedNamespaces() : null;
            if (pinned != null && pinned.size() == 1 && teams.contains(pinned.iterator().next())) {
                adminByTeam.computeIfAbsent(pinned.iterator().next(), n -> new ArrayList<>()).add(policy);
            } else {
                sharedAdmin.add(policy);
            }
        }
        Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
        for (String team : teams) {
            namespaceLabels.put(team, new KubeNamespace(team, Map.of()).labels());
        }
        for (KubeNamespace ns : rendered.namespaces()) {
            namespaceLabels.put(ns.name(), ns.labels());
        }
        Map<String, String> probeLabels = new KubeNamespace(probeNamespace, Map.of()).labels();
        Map<String, List<Policy>> byTeam = new LinkedHashMap<>();
        List<Policy> shared = new ArrayList<>();
        for (Policy policy : rendered.policies()) {
            if (teams.contains(policy.namespace())) {
                byTeam.computeIfAbsent(policy.namespace(), n -> new ArrayList<>()).add(policy);
            } else {
                shared.add(policy);
            }
        }
        // Which team namespaces (and whether the probe namespace) each distinct namespaceSelector matches: thousands
        // of policies share a few selectors.
        Map<LabelSelector, Set<String>> reach = new HashMap<>();
        for (String team : teams) {
            List<Policy> own = byTeam.getOrDefault(team, List.of());
            if (!isolatesEveryPod(own)) {
                return null;
            }
            for (Policy policy : own) {
                if (!staysWithin(policy, team, reach, teams, namespaceLabels, probeLabels)) {
                    return null;
                }
            }
        }
        Map<Team, ManifestSet> parts = new LinkedHashMap<>();
        for (Team team : config.teams()) {
            List<Policy> policies = new ArrayList<>(byTeam.getOrDefault(team.name(), List.of()));
            policies.addAll(shared);
            List<AdminPolicy> admin = new ArrayList<>(adminByTeam.getOrDefault(team.name(), List.of()));
            admin.addAll(sharedAdmin);
            parts.put(team, new ManifestSet(rendered.namespaces(), List.of(), rendered.services(),
                    rendered.ingresses(), policies, admin, List.of()));
        }
        return parts;
    }

    private static boolean allowsAnything(AdminPolicy policy) {
        for (boolean ingress : new boolean[]{true, false}) {
            for (AdminPolicy.Rule rule : policy.rules(ingress)) {
                if (rule.action() == AdminPolicy.Action.ALLOW) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isolatesEveryPod(List<Policy> policies) {
        boolean ingress = false;
        boolean egress = false;
        for (Policy p : policies) {
            if (p.podSelector().isEmpty()) {
                ingress |= p.affectsIngress();
                egress |= p.affectsEgress();
            }
        }
        return ingress && egress;
    }

    private static boolean staysWithin(Policy policy, String team, Map<LabelSelector, Set<String>> reach,
                                       Set<String> teams, Map<String, Map<String, String>> namespaceLabels,
                                       Map<String, String> probeLabels) {
        for (boolean ingress : new boolean[]{true, false}) {
            List<Policy.Rule> rules = policy.rules(ingress);
            for (int r = 0; r < rules.size(); r++) {
                Policy.Rule rule = rules.get(r);
                if (rule.anyPeer()) {
                    return false;
                }
                for (int p = 0; p < rule.peers().size(); p++) {
                    LabelSelector namespaces = rule.peers().get(p).namespaceSelector();
                    if (namespaces == null) {
                        continue; // the policy's own namespace (an ipBlock peer has no selector either)
                    }
                    Set<String> matched = reach.computeIfAbsent(namespaces,
                            s -> matchedNamespaces(s, teams, namespaceLabels, probeLabels));
                    if (matched.size() > 1 || (matched.size() == 1 && !matched.contains(team))) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** The team namespaces a selector matches, and "" when it matches the probe namespace. */
    private static Set<String> matchedNamespaces(LabelSelector selector, Set<String> teams,
                                                 Map<String, Map<String, String>> namespaceLabels,
                                                 Map<String, String> probeLabels) {
        Set<String> matched = new HashSet<>();
        if (selector.matches(probeLabels)) {
            matched.add("");
        }
        for (String team : teams) {
            if (selector.matches(namespaceLabels.get(team))) {
                matched.add(team);
            }
        }
        return matched;
    }

}
