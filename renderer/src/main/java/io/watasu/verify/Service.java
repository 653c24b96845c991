package io.watasu.verify;

import java.util.List;
import java.util.Map;

/** A Service: the pods it selects and its ports. An empty selector selects no pods (as for headless/external). */
public record Service(String namespace, String name, Map<String, String> selector, List<ServicePort> ports) {
    public Service {
        selector = Map.copyOf(selector);
        ports = List.copyOf(ports);
    }

    /** One service port; {@code targetPort} is a number or a container port name, as text. */
    public record ServicePort(String name, int port, Protocol protocol, String targetPort) {
    }
}
