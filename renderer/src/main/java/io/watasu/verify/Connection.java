package io.watasu.verify;

/** An allowed directed connection and the protocol/port combinations it may use. */
public record Connection(Endpoint source, Endpoint destination, ConnectionSet connections) {
    /** {@code src => dst : conns}, the analyzer's line. */
    public String line() {
        return source.displayName() + " => " + destination.displayName() + " : " + connections.format();
    }
}
