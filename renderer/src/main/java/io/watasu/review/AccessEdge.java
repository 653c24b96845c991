package io.watasu.review;

import java.util.Comparator;

/**
 * One allowed connection into a process: {@code api-app -> grpc-app:grpc-tcp 50051/TCP}.
 *
 * @param team    the team (namespace) of the destination app
 * @param source  an app of the same team, {@code team/app} for an app of another team, or a platform peer in braces
 *                ({@code {ingress-controller}}, {@code {internet}}, {@code {cluster range a-b}})
 * @param ports   port set and protocol: {@code 50051/TCP}, {@code 1-65535/UDP}, or {@link #ANY_PORT}
 */
public record AccessEdge(String team, String source, String app, String process, String ports)
        implements Comparable<AccessEdge> {
    public static final String INGRESS_CONTROLLER = "{ingress-controller}";
    public static final String INTERNET = "{internet}";
    /** Every port of every protocol: what an unisolated pod accepts. */
    public static final String ANY_PORT = "any port";

    private static final Comparator<AccessEdge> ORDER = Comparator.comparing(AccessEdge::team)
            .thenComparing(AccessEdge::format);

    public String format() {
        return source + " -> " + app + ":" + process + " " + ports;
    }

    /** True when the source is an app of the destination's team other than the destination itself. */
    public boolean betweenAppsOfTeam() {
        return !source.startsWith("{") && !source.contains("/") && !source.equals(app);
    }

    @Override
    public int compareTo(AccessEdge other) {
        return ORDER.compare(this, other);
    }
}
