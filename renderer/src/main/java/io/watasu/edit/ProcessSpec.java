package io.watasu.edit;

import io.watasu.model.Process;

import java.util.Objects;

/**
 * A process as the editor writes it: its command, port and metrics port. A process on the default port without a
 * metrics port is written in the short form ({@code web: bundle exec puma}), any other as {@code command:},
 * {@code port:} and, when there is one, {@code metricsPort:}.
 *
 * @param metricsPort the port the platform's scrapers may reach, or null for none
 */
public record ProcessSpec(String command, int port, Integer metricsPort) {
    public ProcessSpec {
        Objects.requireNonNull(command, "command");
    }

    /** Without a metrics port. */
    public ProcessSpec(String command, int port) {
        this(command, port, null);
    }

    public static ProcessSpec onDefaultPort(String command) {
        return new ProcessSpec(command, Process.DEFAULT_PORT);
    }

    /** The process this spec describes under {@code name}. */
    public Process toProcess(String name) {
        return new Process(name, command, port, metricsPort);
    }

    boolean shortForm() {
        return port == Process.DEFAULT_PORT && metricsPort == null;
    }
}
