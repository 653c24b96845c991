package io.watasu.testing;

/**
 * The built-in NetworkPolicy template with its selector peers written as a Handlebars loop, one branch per kind of
 * peer: how tests write an override that weakens one kind of peer and nothing else (the built-in template writes
 * them with one helper call). Unchanged, the loop renders the same bytes as the helper (TemplateOverrideTest).
 */
public final class PeerTemplates {
    /** A platform component's peer: its namespace by name AND its pod labels, in one item. */
    public static final String PLATFORM_PEER = "    - namespaceSelector: {{yamlSelector namespaceSelector}}\n"
            + "      podSelector: {{yamlSelector podSelector}}\n";
    /** Pods of the policy's own namespace. */
    public static final String OWN_NAMESPACE_PEER = "    - podSelector: {{yamlSelector podSelector}}\n";
    private static final String HELPER_CALL = "{{#if selectorPeers}}\n{{yamlSelectorPeers selectorPeers 4}}\n{{/if}}\n";

    private PeerTemplates() {
    }

    /** {@code builtIn} with the selector peers written by {@code platformPeer} and {@code ownNamespacePeer}. */
    public static String withPeers(String builtIn, String platformPeer, String ownNamespacePeer) {
        if (!builtIn.contains(HELPER_CALL)) {
            throw new IllegalStateException("the networkpolicy template no longer writes its peers with one helper"
                    + " call");
        }
        return builtIn.replace(HELPER_CALL, "{{#each selectorPeers}}\n{{#if namespaceSelector}}\n" + platformPeer
                + "{{else}}\n" + ownNamespacePeer + "{{/if}}\n{{/each}}\n");
    }
}
