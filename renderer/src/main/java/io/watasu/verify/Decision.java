package io.watasu.verify;

import io.watasu.config.SourcePosition;

import java.util.List;

/**
 * Why one direction of one connection is what it is: what the pod on that side (the destination for ingress, the
 * source for egress) lets through, and the policy rules that decided each part.
 *
 * @param ingress true for the destination's ingress, false for the source's egress
 * @param allowed what this direction lets through
 * @param reasons every rule or default that decided a part, in evaluation order; their connections are disjoint
 */
public record Decision(boolean ingress, ConnectionSet allowed, List<Reason> reasons) {
    public static final String NETWORK_POLICY = "NetworkPolicy";

    public Decision {
        reasons = List.copyOf(reasons);
    }

    /** The reasons whose rules allowed part of {@code wanted}, one per policy (for one-line explanations). */
    public List<Reason> allowing(ConnectionSet wanted) {
        List<Reason> result = new java.util.ArrayList<>();
        for (Reason r : reasons) {
            if (r.effect() == Effect.ALLOW && !r.connections().intersect(wanted).isEmpty()
                    && result.stream().noneMatch(o -> o.policy().equals(r.policy()))) {
                result.add(r);
            }
        }
        return result;
    }

    /**
     * The reasons as sentences, in evaluation order; the NetworkPolicies that isolate the pod come last, in one
     * sentence and then one indented line each.
     */
    public List<String> describe() {
        List<String> lines = new java.util.ArrayList<>();
        List<Reason> isolating = new java.util.ArrayList<>();
        for (Reason r : reasons) {
            if (r.effect() == Effect.ISOLATED) {
                isolating.add(r);
            } else {
                lines.add(r.format());
            }
        }
        if (isolating.size() == 1) {
            lines.add(isolating.get(0).format());
        } else if (!isolating.isEmpty()) {
            lines.add("no NetworkPolicy rule allows " + isolating.get(0).connections().format()
                    + "; selecting the pod:");
            isolating.forEach(r -> lines.add("  " + r.policy() + (r.at() == null ? "" : " (" + r.at() + ")")));
        }
        return lines;
    }

    /** How a part of the connection was decided. */
    public enum Effect {
        /** A rule allows it (an admin or baseline rule, or a NetworkPolicy rule). */
        ALLOW,
        /** An admin or baseline rule denies it. */
        DENY,
        /** An admin rule passes it on to the NetworkPolicy tier (which decided it in a later reason). */
        PASS,
        /** NetworkPolicies select the pod for this direction and none of their rules allows it. */
        ISOLATED,
        /** Nothing decided it, so it is allowed (Kubernetes' default). */
        DEFAULT_ALLOW
    }

    /**
     * One decided part.
     *
     * @param kind the policy's kind ({@code NetworkPolicy}, {@code AdminNetworkPolicy}, ...); null for
     *             {@link Effect#DEFAULT_ALLOW}
     * @param name the policy's name, {@code namespace/name} for a NetworkPolicy
     * @param rule the rule ({@code ingress rule 2}, {@code egress rule 'deny-dns'}); null when the policy as a whole
     *             decided ({@link Effect#ISOLATED})
     * @param at   where the rule (or policy) is written; null for defaults and made-up policies
     */
    public record Reason(Effect effect, ConnectionSet connections, String kind, String name, String rule,
                         SourcePosition at) {
        /** {@code NetworkPolicy acme/web}, {@code AdminNetworkPolicy 'guard'}; null for a default. */
        public String policy() {
            if (kind == null) {
                return null;
            }
            return kind.equals(NETWORK_POLICY) ? kind + " " + name : kind + " '" + name + "'";
        }

        /** {@code NetworkPolicy acme/web ingress rule 1 (acme/web.yaml:12:3) allows TCP 5000}. */
        public String format() {
            String where = at == null ? "" : " (" + at + ")";
            String what = connections.format();
            String policy = policy();
            return switch (effect) {
                case ALLOW -> policy + " " + rule + where + " allows " + what;
                case DENY -> policy + " " + rule + where + " denies " + what;
                case PASS -> policy + " " + rule + where + " passes " + what + " to the NetworkPolicies";
                case ISOLATED -> policy + where + " selects the pod, and no NetworkPolicy rule allows " + what;
                case DEFAULT_ALLOW -> "no policy decides " + what + ", so it is allowed (the Kubernetes default)";
            };
        }
    }
}
