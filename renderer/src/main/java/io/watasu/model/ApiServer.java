package io.watasu.model;

import java.util.List;

/**
 * The Kubernetes API as a pod's traffic reaches it after Service translation: the addresses of the {@code kubernetes}
 * Service's endpoints (and, for CNIs that judge before translation, its cluster IP) and the endpoints' port. Apps with
 * {@link App#kubernetesApi()} may call it; no other pod may.
 *
 * @param addresses addresses or CIDRs; empty when the platform does not say (then no app may ask for the API)
 * @param port      the endpoints' TCP port: 443 on managed control planes, 6443 on kubeadm-style ones
 */
public record ApiServer(List<String> addresses, int port) {
    public static final int DEFAULT_PORT = 443;

    public ApiServer {
        addresses = List.copyOf(addresses);
    }
}
