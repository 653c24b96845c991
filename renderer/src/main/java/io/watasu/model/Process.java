package io.watasu.model;

import java.util.Objects;

/**
 * One process of an app.
 *
 * @param name        process name; its suffix decides the {@link ProcessKind}
 * @param command     the command the platform runs (informational for networking)
 * @param port        the port the process listens on (TCP for web/tcp, UDP for rtc)
 * @param metricsPort the TCP port the platform's scrapers may reach ({@link Platform#scrapers()}), or null for none
 */
public record Process(String name, String command, int port, Integer metricsPort) {
    public static final int DEFAULT_PORT = 5000;

    public Process {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
    }

    /** Without a metrics port. */
    public Process(String name, String command, int port) {
        this(name, command, port, null);
    }

    public ProcessKind kind() {
        return ProcessKind.of(name);
    }
}
