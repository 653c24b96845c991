package io.watasu.testing;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.List;

/** Models built in code, mirroring examples/watasu.yaml, so plan and render tests do not depend on the loader. */
public final class Models {
    private Models() {
    }

    public static Process process(String name, int port) {
        return new Process(name, "run " + name, port);
    }

    public static App app(String team, String name, List<String> trust, Process... processes) {
        return new App(team, name, List.of(processes), trust);
    }

    /** The model of examples/watasu.yaml. */
    public static WatasuConfig example() {
        Team acme = new Team("acme", List.of(
                app("acme", "grpc-app", List.of("api-app", "billing-app"),
                        process("web", 5000), process("grpc-tcp", 50051)),
                app("acme", "api-app", List.of(),
                        process("web", 5000), process("admin-web", 8080), process("worker", 5000)),
                app("acme", "billing-app", List.of(), process("worker", 5000)),
                app("acme", "report-app", List.of(), process("worker", 5000))));
        Team globex = new Team("globex", List.of(
                app("globex", "meet-app", List.of(),
                        process("web", 5000), process("media-rtc", 40000), process("cache-tcp", 6379))));
        return new WatasuConfig(1, Platform.defaults(), List.of(acme, globex));
    }
}
