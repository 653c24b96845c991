package io.watasu.verify;

import java.util.ArrayList;
import java.util.List;

/**
 * The workloads a listing is limited to ({@code --focus-workload}): a connection is kept when one of its ends is one of
 * them. A name matches a workload as netpol-analyzer matches it, by {@code name} or {@code namespace/name}; the full
 * {@code namespace/name[Kind]} and {@code ingress-controller} are accepted too.
 */
public record Focus(List<String> names) {
    public Focus {
        names = List.copyOf(names);
    }

    public boolean isEverything() {
        return names.isEmpty();
    }

    public boolean matches(Endpoint endpoint) {
        if (isEverything()) {
            return true;
        }
        for (String name : names) {
            if (matches(name, endpoint)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String name, Endpoint endpoint) {
        if (endpoint instanceof Endpoint.OfWorkload w) {
            Workload workload = w.workload();
            return name.equals(workload.name()) || name.equals(workload.namespace() + "/" + workload.name())
                    || name.equals(workload.displayName());
        }
        return endpoint instanceof Endpoint.IngressController
                && (name.equals("ingress-controller") || name.equals(endpoint.displayName()));
    }

    public boolean keeps(Connection connection) {
        return matches(connection.source()) || matches(connection.destination());
    }

    public List<Connection> filter(List<Connection> connections) {
        return isEverything() ? connections : connections.stream().filter(this::keeps).toList();
    }

    /** The workloads a listing shows: all of them, or those focused on. */
    public List<Workload> filterWorkloads(List<Workload> workloads) {
        return isEverything() ? workloads
                : workloads.stream().filter(w -> matches(new Endpoint.OfWorkload(w))).toList();
    }

    /** Names that match no workload (nor the ingress controller when {@code ingressController}). */
    public List<String> unmatched(List<Workload> workloads, boolean ingressController) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            boolean found = ingressController && matches(name, new Endpoint.IngressController());
            for (Workload w : workloads) {
                found |= matches(name, new Endpoint.OfWorkload(w));
            }
            if (!found) {
                missing.add(name);
            }
        }
        return missing;
    }
}
