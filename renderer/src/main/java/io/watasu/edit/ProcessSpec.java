package io.watasu.edit;

import io.watasu.model.Process;

import java.util.Objects;

/**
 * A process as the editor writes it: its command and port. A process on the default port is written in the short
 * form ({@code web: bundle exec puma}), any other as {@code command:} and {@code port:}.
 */
public record ProcessSpec(String command, int port) {
    public ProcessSpec {
        Objects.requireNonNull(command, "command");
    }

    public static ProcessSpec onDefaultPort(String command) {
        return new ProcessSpec(command, Process.DEFAULT_PORT);
    }

    boolean usesDefaultPort() {
        return port == Process.DEFAULT_PORT;
    }
}
