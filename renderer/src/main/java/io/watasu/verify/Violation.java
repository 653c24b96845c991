package io.watasu.verify;

import java.util.List;

/**
 * One way the policies differ from the Watasu contract.
 *
 * @param source      who connects (a process {@code team/app:process}, a platform pod, a probe or external addresses)
 * @param destination who is connected to
 * @param connections the protocol/ports concerned
 * @param allowed     true when the policies allow what the contract forbids; false when they deny what it promises
 * @param rule        the contract rule at stake
 * @param causes      what let it through: {@code policy ns/name}, or a side that no policy isolates
 */
public record Violation(String source, String destination, ConnectionSet connections, boolean allowed, String rule,
                        List<String> causes) {
    public Violation {
        causes = List.copyOf(causes);
    }

    /** {@code acme/api-app:web -> globex/db-app:db-tcp TCP 5432 allowed, but ... (policy globex/x)}. */
    public String format() {
        String verdict = allowed ? " allowed, but " : " denied, but ";
        String why = causes.isEmpty() ? "" : " (" + String.join("; ", causes) + ")";
        return source + " -> " + destination + " " + connections.format() + verdict + rule + why;
    }
}
