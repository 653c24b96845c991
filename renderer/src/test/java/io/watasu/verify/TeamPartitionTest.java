package io.watasu.verify;

import io.watasu.model.Guardrails;
import io.watasu.model.WatasuConfig;
import io.watasu.testing.RandomPlatforms;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The intent check split by team must say exactly what the check of the whole platform says: compared line by line
 * on random platforms, rendered and then weakened or widened at random (peers, ports, ipBlocks, namespaces, dropped
 * rules and policies), both when the split applies and when it must not.
 */
class TeamPartitionTest {
    private static final List<String> CIDRS = List.of("10.1.5.0/24", "0.0.0.0/0", "8.8.0.0/16", "fd00::/16",
            "192.168.3.0/24", "2001:db8::/32");

    @Test
    void splittingByTeamChangesNoLineOfTheResult() throws Exception {
        int split = 0;
        int whole = 0;
        for (long seed = 1; seed <= 60; seed++) {
            WatasuConfig config = RandomPlatforms.generate(seed);
            if (config.teams().size() < 2) {
                continue;
            }
            ManifestSet rendered = RenderedPlatformsTest.render(config);
            Random random = new Random(seed);
            for (int round = 0; round < 6; round++) {
                ManifestSet changed = round == 0 ? rendered : mutate(rendered, random);
                List<String> expected = IntentCheck.checkWhole(config, changed).stream().map(Violation::format)
                        .toList();
                List<String> actual = IntentCheck.check(config, changed).stream().map(Violation::format).toList();
                assertEquals(expected, actual, "seed " + seed + " round " + round);
                if (TeamPartition.of(config, changed, IntentCheck.PROBE_NAMESPACE) != null) {
                    split++;
                } else {
                    whole++;
                }
            }
        }
        assertTrue(split > 50 && whole > 20, "both paths taken: split " + split + ", whole " + whole);
    }

    /**
     * With the Admin-tier guardrails (one Deny/Pass policy per team namespace) the split is still exact, and taken,
     * whatever the NetworkPolicies become; an Admin-tier policy that allows something prevents it.
     */
    @Test
    void guardrailsKeepTheSplitExact() throws Exception {
        int split = 0;
        for (long seed = 1; seed <= 30; seed++) {
            Guardrails.NetworkGuardrail network = seed % 2 == 0 ? Guardrails.NetworkGuardrail.ADMIN_NETWORK_POLICY
                    : Guardrails.NetworkGuardrail.CLUSTER_NETWORK_POLICY;
            WatasuConfig config = RandomPlatforms.generate(seed).withGuardrails(new Guardrails(network,
                    Guardrails.DEFAULT_PRIORITY, false, Guardrails.AdmissionMode.AUDIT, Guardrails.DEFAULT_DEPLOYERS,
                    Guardrails.DEFAULT_POLICY_WRITERS));
            if (config.teams().size() < 2) {
                continue;
            }
            ManifestSet rendered = RenderedPlatformsTest.render(config);
            assertEquals(config.teams().size(), rendered.adminPolicies().size());
            Random random = new Random(seed);
            for (int round = 0; round < 4; round++) {
                ManifestSet mutated = round == 0 ? rendered : mutate(rendered, random);
                ManifestSet changed = new ManifestSet(mutated.namespaces(), mutated.workloads(), mutated.services(),
                        mutated.ingresses(), mutated.policies(), rendered.adminPolicies(), List.of());
                List<String> expected = IntentCheck.checkWhole(config, changed).stream().map(Violation::format)
                        .toList();
                assertEquals(expected, IntentCheck.check(config, changed).stream().map(Violation::format).toList(),
                        "seed " + seed + " round " + round);
                if (TeamPartition.of(config, changed, IntentCheck.PROBE_NAMESPACE) != null) {
                    split++;
                }
            }
            AdminPolicy first = rendered.adminPolicies().get(0);
            List<AdminPolicy.Rule> ingress = new ArrayList<>(first.ingress());
            ingress.set(0, new AdminPolicy.Rule("allow", AdminPolicy.Action.ALLOW, ingress.get(0).peers(), null,
                    null));
            List<AdminPolicy> admin = new ArrayList<>(rendered.adminPolicies());
            admin.set(0, new AdminPolicy(first.kind(), first.name(), first.tier(), first.priority(), first.subject(),
                    ingress, first.egress(), first.at()));
            assertNull(TeamPartition.of(config, new ManifestSet(rendered.namespaces(), rendered.workloads(),
                    rendered.services(), rendered.ingresses(), rendered.policies(), admin, List.of()),
                    IntentCheck.PROBE_NAMESPACE), "an Admin-tier Allow");
        }
        assertTrue(split > 20, "split " + split);
    }

    @Test
    void aRuleNamingAnotherTeamsNamespaceOrAnyPeerPreventsTheSplit() throws Exception {
        WatasuConfig config = RandomPlatforms.generate(3);
        for (long seed = 4; config.teams().size() < 2; seed++) {
            config = RandomPlatforms.generate(seed);
        }
        ManifestSet rendered = RenderedPlatformsTest.render(config);
        assertTrue(TeamPartition.of(config, rendered, IntentCheck.PROBE_NAMESPACE) != null,
                "the rendered platform is split");
        String other = config.teams().get(1).name();
        Policy.Peer toOther = new Policy.Peer(null, new LabelSelector(Map.of(KubeNamespace.NAME_LABEL, other),
                List.of()), null);
        assertNull(TeamPartition.of(config, withRule(rendered, toOther), IntentCheck.PROBE_NAMESPACE));
        assertNull(TeamPartition.of(config, withRule(rendered, null), IntentCheck.PROBE_NAMESPACE));
    }

    /** The rendered set with one egress rule added to the first policy of the first team: to a peer, or any peer. */
    private static ManifestSet withRule(ManifestSet rendered, Policy.Peer peer) {
        List<Policy> policies = new ArrayList<>(rendered.policies());
        Policy p = policies.get(0);
        List<Policy.Rule> egress = new ArrayList<>(p.egress());
        egress.add(new Policy.Rule(peer == null ? List.of() : List.of(peer), List.of(), null));
        policies.set(0, new Policy(p.namespace(), p.name(), p.podSelector(), p.affectsIngress(), true, p.ingress(),
                egress, p.at()));
        return new ManifestSet(rendered.namespaces(), rendered.workloads(), rendered.services(), rendered.ingresses(),
                policies);
    }

    private static ManifestSet mutate(ManifestSet rendered, Random random) {
        List<Policy> policies = new ArrayList<>(rendered.policies());
        for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
            int index = random.nextInt(policies.size());
            Policy p = policies.get(index);
            boolean ingress = random.nextBoolean();
            List<Policy.Rule> rules = new ArrayList<>(p.rules(ingress));
            int kind = random.nextInt(8);
            if (kind == 0) {
                policies.remove(index);
                continue;
            }
            if (rules.isEmpty() || kind == 1) {
                rules.add(new Policy.Rule(List.of(peer(random, rendered)), List.of(), null));
            } else {
                int r = random.nextInt(rules.size());
                Policy.Rule rule = rules.get(r);
                List<Policy.Peer> peers = new ArrayList<>(rule.peers());
                switch (kind) {
                    case 2 -> rules.remove(r);
                    case 3 -> rules.set(r, new Policy.Rule(rule.peers(), List.of(), rule.at()));
                    case 4, 5 -> {
                        peers.add(peer(random, rendered));
                        rules.set(r, new Policy.Rule(peers, rule.ports(), rule.at()));
                    }
                    default -> rules.set(r, new Policy.Rule(List.of(peer(random, rendered)), rule.ports(),
                            rule.at()));
                }
            }
            policies.set(index, new Policy(p.namespace(), p.name(), p.podSelector(),
                    p.affectsIngress() || ingress, p.affectsEgress() || !ingress,
                    ingress ? rules : p.ingress(), ingress ? p.egress() : rules, p.at()));
        }
        return new ManifestSet(rendered.namespaces(), rendered.workloads(), rendered.services(), rendered.ingresses(),
                policies);
    }

    /** An ipBlock, every pod of the policy's namespace, or the pods of some namespace (a team's or a platform's). */
    private static Policy.Peer peer(Random random, ManifestSet rendered) {
        return switch (random.nextInt(4)) {
            case 0 -> new Policy.Peer(null, null, new IpBlock(IpRange.parseCidr(CIDRS.get(random.nextInt(
                    CIDRS.size()))), List.of()));
            case 1 -> new Policy.Peer(LabelSelector.EVERYTHING, null, null);
            case 2 -> new Policy.Peer(null, new LabelSelector(Map.of(KubeNamespace.NAME_LABEL,
                    rendered.namespaces().get(random.nextInt(rendered.namespaces().size())).name()), List.of()), null);
            default -> new Policy.Peer(LabelSelector.EVERYTHING, new LabelSelector(Map.of(KubeNamespace.NAME_LABEL,
                    random.nextBoolean() ? "kube-system" : "dns-system"), List.of()), null);
        };
    }
}
