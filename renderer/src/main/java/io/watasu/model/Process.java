package io.watasu.model;

import java.util.Objects;

/**
 * One process of an app.
 *
 * @param name    process name; its suffix decides the {@link ProcessKind}
 * @param command the command the platform runs (informational for networking)
 * @param port    the port the process listens on (TCP for web/tcp, UDP for rtc)
 */
public record Process(String name, String command, int port) {
    public static final int DEFAULT_PORT = 5000;

    public Process {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(command, "command");
    }

    public ProcessKind kind() {
        return ProcessKind.of(name);
    }
}
