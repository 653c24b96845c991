package io.watasu.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The platform's description of its cluster: everything the renderer, the contract gate and {@code verify --config}
 * assume about it. Every field is a statement of fact about the cluster (see docs/config.md and docs/clusters.md).
 *
 * @param profile            the kind of cluster whose defaults fill what the file leaves out ({@link ClusterProfile})
 * @param domain             public hostnames are {@code <app>.<domain>}
 * @param clusterCidrs       address ranges inside the cluster (pods, Services, nodes), both families; never "the
 *                           internet", and neither are link-local addresses, listed or not
 * @param nodeCidrs          the nodes' addresses (inside the cluster ranges): where host-network components are
 * @param ingress            the ingress controller
 * @param dns                the cluster DNS
 * @param linkLocal          node-local addresses every pod may call (default: none)
 * @param scrapers           platform pods allowed into each process's metrics port
 * @param apiServer          the Kubernetes API, for apps that ask for it
 * @param reservedNamespaces namespaces (and prefixes ending in {@code *}) no team may take, beyond the built-in ones
 */
public record Platform(ClusterProfile profile, String domain, List<String> clusterCidrs, List<String> nodeCidrs,
                       IngressController ingress, ClusterDns dns, List<LinkLocalAccess> linkLocal,
                       List<PodSelector> scrapers, ApiServer apiServer, List<String> reservedNamespaces) {
    public static final String DEFAULT_DOMAIN = "watasuhost.com";
    /**
     * The private (RFC 1918), shared (RFC 6598, CGNAT: pod ranges of EKS custom networking and others) and link-local
     * IPv4 ranges: where pods, Services and nodes usually are, and the cloud metadata service.
     */
    public static final List<String> DEFAULT_CLUSTER_CIDRS =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
    public static final PodSelector DEFAULT_INGRESS_PODS =
            new PodSelector("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
    public static final String DEFAULT_INGRESS_CLASS = "nginx";
    public static final PodSelector DEFAULT_DNS_PODS = new PodSelector("kube-system", Map.of("k8s-app", "kube-dns"));

    /** The defaults without a profile; {@link ClusterProfile#defaults()} builds the others from it. */
    static final Platform BUILT_IN = new Platform(ClusterProfile.NONE, DEFAULT_DOMAIN, DEFAULT_CLUSTER_CIDRS, List.of(),
            new IngressController(DEFAULT_INGRESS_PODS, DEFAULT_INGRESS_CLASS, IngressController.DEFAULT_PORTS, false),
            new ClusterDns(DEFAULT_DNS_PODS, List.of(ClusterDns.DNS_PORT), List.of()), List.of(), List.of(),
            new ApiServer(List.of(), ApiServer.DEFAULT_PORT), List.of());

    public Platform {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(domain, "domain");
        clusterCidrs = List.copyOf(clusterCidrs);
        nodeCidrs = List.copyOf(nodeCidrs);
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(dns, "dns");
        linkLocal = List.copyOf(linkLocal);
        scrapers = List.copyOf(scrapers);
        Objects.requireNonNull(apiServer, "apiServer");
        reservedNamespaces = List.copyOf(reservedNamespaces);
    }

    /** The built-in defaults: no profile, CoreDNS and ingress-nginx, the private and link-local IPv4 ranges. */
    public static Platform defaults() {
        return BUILT_IN;
    }

    public Platform withProfile(ClusterProfile value) {
        return new Platform(value, domain, clusterCidrs, nodeCidrs, ingress, dns, linkLocal, scrapers, apiServer,
                reservedNamespaces);
    }

    public Platform withDomain(String value) {
        return new Platform(profile, value, clusterCidrs, nodeCidrs, ingress, dns, linkLocal, scrapers, apiServer,
                reservedNamespaces);
    }

    public Platform withClusterCidrs(List<String> value) {
        return new Platform(profile, domain, value, nodeCidrs, ingress, dns, linkLocal, scrapers, apiServer,
                reservedNamespaces);
    }

    public Platform withNodeCidrs(List<String> value) {
        return new Platform(profile, domain, clusterCidrs, value, ingress, dns, linkLocal, scrapers, apiServer,
                reservedNamespaces);
    }

    public Platform withIngress(IngressController value) {
        return new Platform(profile, domain, clusterCidrs, nodeCidrs, value, dns, linkLocal, scrapers, apiServer,
                reservedNamespaces);
    }

    public Platform withDns(ClusterDns value) {
        return new Platform(profile, domain, clusterCidrs, nodeCidrs, ingress, value, linkLocal, scrapers, apiServer,
                reservedNamespaces);
    }

    public Platform withLinkLocal(List<LinkLocalAccess> value) {
        return new Platform(profile, domain, clusterCidrs, nodeCidrs, ingress, dns, value, scrapers, apiServer,
                reservedNamespaces);
    }

    public Platform withScrapers(List<PodSelector> value) {
        return new Platform(profile, domain, clusterCidrs, nodeCidrs, ingress, dns, linkLocal, value, apiServer,
                reservedNamespaces);
    }

    public Platform withApiServer(ApiServer value) {
        return new Platform(profile, domain, clusterCidrs, nodeCidrs, ingress, dns, linkLocal, scrapers, value,
                reservedNamespaces);
    }

    public Platform withReservedNamespaces(List<String> value) {
        return new Platform(profile, domain, clusterCidrs, nodeCidrs, ingress, dns, linkLocal, scrapers, apiServer,
                value);
    }

    /** True when the cluster ranges include IPv6: then IPv6 is open like IPv4 (the internet, dual-stack Services). */
    public boolean dualStack() {
        for (String cidr : clusterCidrs) {
            if (cidr.indexOf(':') >= 0) {
                return true;
            }
        }
        return false;
    }
}
