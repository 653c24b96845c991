package io.watasu.verify;

/** Transport protocols a NetworkPolicy port can name; declaration order is the order connection sets print in. */
public enum Protocol {
    SCTP, TCP, UDP;

    /** Parses a protocol as Kubernetes spells it; null when it is none of the three. */
    public static Protocol parse(String text) {
        for (Protocol p : values()) {
            if (p.name().equalsIgnoreCase(text)) {
                return p;
            }
        }
        return null;
    }
}
