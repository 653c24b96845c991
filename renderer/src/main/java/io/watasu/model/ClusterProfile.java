package io.watasu.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a platform may assume about a kind of cluster until {@code watasu.yaml} says otherwise: where DNS and the
 * ingress controller run and listen, ranges outside the private ones that the platform uses, the API server's port.
 * Every value is the vendor's documented default; the page of each profile in docs/profiles/ names its sources. A
 * profile only changes defaults: anything written in the file wins.
 */
public enum ClusterProfile {
    /** No profile: the built-in defaults (CoreDNS and ingress-nginx as a kubeadm cluster runs them). */
    NONE(null),
    KIND("kind"),
    K3S("k3s"),
    GKE("gke"),
    EKS("eks"),
    AKS("aks"),
    OPENSHIFT("openshift");

    private final String key;

    ClusterProfile(String key) {
        this.key = key;
    }

    /** The name written in {@code platform.profile}; null for {@link #NONE}. */
    public String key() {
        return key;
    }

    /** The profiles that can be named, in documentation order. */
    public static List<ClusterProfile> named() {
        return List.of(KIND, K3S, GKE, EKS, AKS, OPENSHIFT);
    }

    public static Optional<ClusterProfile> byKey(String key) {
        return named().stream().filter(p -> p.key.equals(key)).findFirst();
    }

    /** The platform settings this profile assumes for every field the file leaves out. */
    public Platform defaults() {
        Platform base = Platform.BUILT_IN;
        return switch (this) {
            case NONE -> base;
            // kubeadm inside Docker: CoreDNS and ingress-nginx as in the defaults; the API server on its node, 6443.
            case KIND -> base.withProfile(this).withApiServer(new ApiServer(List.of(), 6443));
            // Traefik is k3s's packaged ingress controller, in kube-system, listening on 8000 and 8443.
            case K3S -> base.withProfile(this)
                    .withIngress(new IngressController(new PodSelector("kube-system",
                            Map.of("app.kubernetes.io/name", "traefik")), "traefik", List.of(8000, 8443), false))
                    .withApiServer(new ApiServer(List.of(), 6443));
            // Services take 34.118.224.0/20 by default; DNS may answer at a node-local cache or at the metadata
            // server (Cloud DNS), both link-local and reached outside pods.
            case GKE -> base.withProfile(this)
                    .withClusterCidrs(plus(base.clusterCidrs(), "34.118.224.0/20"))
                    .withDns(new ClusterDns(base.dns().pods(), base.dns().ports(),
                            List.of("169.254.20.10", "169.254.169.254")));
            case EKS -> base.withProfile(this);
            // The application routing add-on: managed NGINX in app-routing-system.
            case AKS -> base.withProfile(this)
                    .withIngress(new IngressController(new PodSelector("app-routing-system", Map.of("app", "nginx")),
                            "webapprouting.kubernetes.azure.com", IngressController.DEFAULT_PORTS, false));
            // CoreDNS of the DNS operator listens on 5353; the default router, on the pod network.
            case OPENSHIFT -> base.withProfile(this)
                    .withDns(new ClusterDns(new PodSelector("openshift-dns",
                            Map.of("dns.operator.openshift.io/daemonset-dns", "default")), List.of(5353), List.of()))
                    .withIngress(new IngressController(new PodSelector("openshift-ingress",
                            Map.of("ingresscontroller.operator.openshift.io/deployment-ingresscontroller", "default")),
                            "openshift-default", IngressController.DEFAULT_PORTS, false))
                    .withApiServer(new ApiServer(List.of(), 6443));
        };
    }

    private static List<String> plus(List<String> list, String element) {
        List<String> result = new ArrayList<>(list);
        result.add(element);
        return result;
    }
}
