package io.watasu.verify;

import io.watasu.config.SourcePosition;

import java.util.List;

/**
 * An Ingress or an OpenShift Route, reduced to the Service ports it sends traffic to (what the cluster's ingress
 * controller connects to) and the hosts it routes.
 *
 * @param kind  {@code Ingress} or {@code Route}
 * @param hosts the host of every rule ({@code spec.host} of a Route); an empty string for a rule without one, which
 *              matches every host
 */
public record Ingress(String kind, String namespace, String name, List<Backend> backends, List<String> hosts,
                      SourcePosition at) {
    public Ingress {
        backends = List.copyOf(backends);
        hosts = List.copyOf(hosts);
    }

    /**
     * A backend: a Service and the port it is reached on, by number or by name (as text), or null for every port of
     * the Service (a Route without {@code port}).
     */
    public record Backend(String service, String port) {
    }
}
