package io.watasu.verify;

/** One end of an allowed connection: a workload, a range of external addresses, or the ingress controller. */
public sealed interface Endpoint {
    /** The name the analyzer prints: {@code ns/name[Kind]}, {@code a-b[External]}, {@code {ingress-controller}}. */
    String displayName();

    record OfWorkload(Workload workload) implements Endpoint {
        @Override
        public String displayName() {
            return workload.displayName();
        }
    }

    record External(IpRange range) implements Endpoint {
        @Override
        public String displayName() {
            return range.format() + "[External]";
        }
    }

    /** The virtual source standing for the cluster's ingress controller, implied by Ingress objects. */
    record IngressController() implements Endpoint {
        @Override
        public String displayName() {
            return "{ingress-controller}";
        }
    }
}
