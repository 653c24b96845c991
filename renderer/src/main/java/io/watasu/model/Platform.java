package io.watasu.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Platform-wide settings.
 *
 * @param domain           public hostnames are {@code <app>.<domain>}
 * @param clusterCidrs     address ranges inside the cluster (pods, services, nodes, link-local); never "the internet"
 * @param ingress          the ingress controller's pods
 * @param ingressClassName the IngressClass for rendered Ingress objects
 * @param dns              the cluster DNS pods
 * @param reservedNamespaces namespaces (and prefixes ending in {@code *}) no team may take, beyond the built-in ones
 */
public record Platform(String domain, List<String> clusterCidrs, PodSelector ingress, String ingressClassName,
                       PodSelector dns, List<String> reservedNamespaces) {
    public static final String DEFAULT_DOMAIN = "watasuhost.com";
    /**
     * The private (RFC 1918), shared (RFC 6598, CGNAT: pod ranges of EKS custom networking and others) and link-local
     * IPv4 ranges: where pods, Services and nodes usually are, and the cloud metadata service.
     */
    public static final List<String> DEFAULT_CLUSTER_CIDRS =
            List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16");
    public static final PodSelector DEFAULT_INGRESS =
            new PodSelector("ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
    public static final String DEFAULT_INGRESS_CLASS = "nginx";
    public static final PodSelector DEFAULT_DNS = new PodSelector("kube-system", Map.of("k8s-app", "kube-dns"));

    public Platform {
        Objects.requireNonNull(domain, "domain");
        clusterCidrs = List.copyOf(clusterCidrs);
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(ingressClassName, "ingressClassName");
        Objects.requireNonNull(dns, "dns");
        reservedNamespaces = List.copyOf(reservedNamespaces);
    }

    /** Without platform-specific reserved namespaces. */
    public Platform(String domain, List<String> clusterCidrs, PodSelector ingress, String ingressClassName,
                    PodSelector dns) {
        this(domain, clusterCidrs, ingress, ingressClassName, dns, List.of());
    }

    public static Platform defaults() {
        return new Platform(DEFAULT_DOMAIN, DEFAULT_CLUSTER_CIDRS, DEFAULT_INGRESS, DEFAULT_INGRESS_CLASS, DEFAULT_DNS);
    }
}
