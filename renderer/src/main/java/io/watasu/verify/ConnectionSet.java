package io.watasu.verify;

import java.util.Objects;

/** Which protocol/port combinations a connection may use: an immutable port set per protocol. */
public final class ConnectionSet {
    public static final ConnectionSet NONE = new ConnectionSet(PortSet.NONE, PortSet.NONE, PortSet.NONE);
    public static final ConnectionSet ALL = new ConnectionSet(PortSet.ALL, PortSet.ALL, PortSet.ALL);
    public static final String ALL_CONNECTIONS = "All Connections";

    private final PortSet[] ports;
    // Kept rather than recomputed: every union and difference on the analysis' hot paths asks first.
    private final boolean empty;
    private final boolean all;

    private ConnectionSet(PortSet sctp, PortSet tcp, PortSet udp) {
        this.ports = new PortSet[]{sctp, tcp, udp};
        this.empty = sctp.isEmpty() && tcp.isEmpty() && udp.isEmpty();
        this.all = sctp.isAll() && tcp.isAll() && udp.isAll();
    }

    public static ConnectionSet of(Protocol protocol, PortSet portSet) {
        PortSet[] p = {PortSet.NONE, PortSet.NONE, PortSet.NONE};
        p[protocol.ordinal()] = portSet;
        return new ConnectionSet(p[0], p[1], p[2]);
    }

    public static ConnectionSet of(Protocol protocol, int port) {
        return of(protocol, PortSet.single(port));
    }

    public PortSet ports(Protocol protocol) {
        return ports[protocol.ordinal()];
    }

    public boolean isEmpty() {
        return empty;
    }

    public boolean isAll() {
        return all;
    }

    public boolean allows(Protocol protocol, int port) {
        return ports(protocol).contains(port);
    }

    public ConnectionSet union(ConnectionSet other) {
        if (other.empty || all) {
            return this;
        }
        if (empty || other.all) {
            return other;
        }
        return new ConnectionSet(ports[0].union(other.ports[0]), ports[1].union(other.ports[1]),
                ports[2].union(other.ports[2]));
    }

    public ConnectionSet intersect(ConnectionSet other) {
        if (other.all || empty) {
            return this;
        }
        if (all || other.empty) {
            return other;
        }
        return new ConnectionSet(ports[0].intersect(other.ports[0]), ports[1].intersect(other.ports[1]),
                ports[2].intersect(other.ports[2]));
    }

    public ConnectionSet minus(ConnectionSet other) {
        if (other.empty || empty) {
            return this;
        }
        if (other.all) {
            return NONE;
        }
        return new ConnectionSet(ports[0].minus(other.ports[0]), ports[1].minus(other.ports[1]),
                ports[2].minus(other.ports[2]));
    }

    /** {@code All Connections}, or protocol groups in SCTP, TCP, UDP order: {@code TCP 8080,9090,UDP 53}. */
    public String format() {
        if (isAll()) {
            return ALL_CONNECTIONS;
        }
        StringBuilder out = new StringBuilder();
        for (Protocol protocol : Protocol.values()) {
            PortSet p = ports(protocol);
            if (!p.isEmpty()) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(protocol.name()).append(' ').append(p.format());
            }
        }
        return out.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnectionSet other && java.util.Arrays.equals(ports, other.ports);
    }

    @Override
    public int hashCode() {
        return Objects.hash((Object[]) ports);
    }

    @Override
    public String toString() {
        return format();
    }
}
