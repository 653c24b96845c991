package io.watasu.model;

import java.util.List;
import java.util.Objects;

/**
 * Cluster-wide guardrails that no namespace admin can undo, rendered beside the team folders (docs/guardrails.md).
 * Off by default: they need a CNI that implements the network-policy-api and Kubernetes 1.30 or later.
 *
 * @param networkPolicy   which Admin-tier API to render, or none
 * @param priority        the Admin-tier priority of every team's policy (0-1000; the teams' subjects are disjoint)
 * @param admission       whether to render the ValidatingAdmissionPolicies guarding identity labels and policies
 * @param admissionMode   audit first (warnings and audit log), then deny
 * @param deployers       the identities that deploy apps: only they may set {@code watasu.io/*} pod labels
 * @param policyWriters   the identities that apply the rendered NetworkPolicies (Argo CD's application controller)
 */
public record Guardrails(NetworkGuardrail networkPolicy, int priority, boolean admission, AdmissionMode admissionMode,
                         List<String> deployers, List<String> policyWriters) {
    public static final int DEFAULT_PRIORITY = 50;
    public static final int MAX_PRIORITY = 1000;
    public static final List<String> DEFAULT_DEPLOYERS = List.of("system:serviceaccount:watasu-system:deployer");
    public static final List<String> DEFAULT_POLICY_WRITERS =
            List.of("system:serviceaccount:argocd:argocd-application-controller");
    public static final Guardrails NONE = new Guardrails(NetworkGuardrail.NONE, DEFAULT_PRIORITY, false,
            AdmissionMode.AUDIT, DEFAULT_DEPLOYERS, DEFAULT_POLICY_WRITERS);

    public Guardrails {
        Objects.requireNonNull(networkPolicy, "networkPolicy");
        Objects.requireNonNull(admissionMode, "admissionMode");
        deployers = List.copyOf(deployers);
        policyWriters = List.copyOf(policyWriters);
    }

    /** True when anything is rendered into the guardrails folder. */
    public boolean any() {
        return networkPolicy != NetworkGuardrail.NONE || admission;
    }

    /** {@code platform.guardrails.networkPolicy}. */
    public enum NetworkGuardrail {
        NONE("none"),
        /** AdminNetworkPolicy, policy.networking.k8s.io/v1alpha1. */
        ADMIN_NETWORK_POLICY("admin-network-policy"),
        /** ClusterNetworkPolicy of tier Admin, policy.networking.k8s.io/v1alpha2. */
        CLUSTER_NETWORK_POLICY("cluster-network-policy");

        private final String key;

        NetworkGuardrail(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** {@code platform.guardrails.admissionMode}: the Bindings' validationActions. */
    public enum AdmissionMode {
        /** [Audit, Warn]: nothing is refused; every request that would be is logged and warned about. */
        AUDIT("audit"),
        /** [Deny, Audit]: refused, and logged. */
        DENY("deny");

        private final String key;

        AdmissionMode(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
