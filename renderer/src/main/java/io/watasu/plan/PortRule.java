package io.watasu.plan;

/** A port a rule opens; the protocol is always explicit (Argo CD's server-side diff needs it). */
public record PortRule(String protocol, int port) {
    public static PortRule tcp(int port) {
        return new PortRule("TCP", port);
    }

    public static PortRule udp(int port) {
        return new PortRule("UDP", port);
    }
}
