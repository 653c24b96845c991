package io.watasu.model;

import java.util.List;
import java.util.Objects;

/**
 * The cluster DNS as pods reach it.
 *
 * @param pods      the DNS server pods
 * @param ports     the ports those pods listen on, UDP and TCP (policies see the pod's port, not the Service's: 5353
 *                  behind a port-53 Service on OpenShift)
 * @param addresses addresses (or CIDRs) outside any pod where DNS answers on port 53, UDP and TCP: node-local caches
 *                  on a link-local address, or the cloud's resolver
 */
public record ClusterDns(PodSelector pods, List<Integer> ports, List<String> addresses) {
    /** Where DNS listens everywhere: the port addresses outside pods are called on, and the pods' usual one. */
    public static final int DNS_PORT = 53;

    public ClusterDns {
        Objects.requireNonNull(pods, "pods");
        ports = List.copyOf(ports);
        addresses = List.copyOf(addresses);
    }

    public ClusterDns withPods(PodSelector newPods) {
        return new ClusterDns(newPods, ports, addresses);
    }
}
