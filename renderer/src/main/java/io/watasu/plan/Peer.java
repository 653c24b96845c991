package io.watasu.plan;

/**
 * One peer of a NetworkPolicy rule. Exactly one of two shapes: label selectors (a null {@code namespaceSelector}
 * means "the policy's own namespace", never "all namespaces"), or one {@code cidr}.
 */
public record Peer(Selector namespaceSelector, Selector podSelector, String cidr) {
    /** Pods of the policy's own namespace only: a pod elsewhere that copies the labels does not match. */
    public static Peer podsInOwnNamespace(Selector pods) {
        return new Peer(null, pods, null);
    }

    /** Pods matching {@code pods} in the namespace named {@code namespace} (one peer, so both must hold). */
    public static Peer podsInNamespace(Selector namespace, Selector pods) {
        return new Peer(namespace, pods, null);
    }

    public static Peer addresses(String cidr) {
        return new Peer(null, null, cidr);
    }
}
