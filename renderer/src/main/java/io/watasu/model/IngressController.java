package io.watasu.model;

import java.util.List;
import java.util.Objects;

/**
 * The platform's ingress controller: every public hostname resolves to it, and it forwards to web processes.
 *
 * @param pods        its pods: a namespace and the labels that identify them
 * @param className   the IngressClass of rendered Ingress objects
 * @param ports       the ports the controller itself listens on (after Service translation, which is what policies
 *                    see): pods calling a public hostname reach it there
 * @param hostNetwork true when the controller runs in the nodes' network: its traffic then carries node addresses
 *                    ({@link Platform#nodeCidrs()}), which no pod selector matches
 */
public record IngressController(PodSelector pods, String className, List<Integer> ports, boolean hostNetwork) {
    public static final List<Integer> DEFAULT_PORTS = List.of(80, 443);

    public IngressController {
        Objects.requireNonNull(pods, "pods");
        Objects.requireNonNull(className, "className");
        ports = List.copyOf(ports);
    }

    public IngressController withPods(PodSelector newPods) {
        return new IngressController(newPods, className, ports, hostNetwork);
    }
}
