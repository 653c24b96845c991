package io.watasu.verify;

import java.util.List;

/** An Ingress reduced to the Service ports it sends traffic to. */
public record Ingress(String namespace, String name, List<Backend> backends) {
    public Ingress {
        backends = List.copyOf(backends);
    }

    /** A backend: service name and the service port, by number or by name (as text). */
    public record Backend(String service, String port) {
    }
}
