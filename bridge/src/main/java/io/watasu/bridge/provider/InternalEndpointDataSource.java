package io.watasu.bridge.provider;

import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.SchemaBlock;
import io.watasu.bridge.wire.SchemaBlock.Attribute;
import io.watasu.bridge.wire.SchemaBlock.Mode;
import io.watasu.fleet.Placement;
import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.store.ModelRepository;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code watasu_internal_endpoint}: where other apps of the team reach an app's private {@code *-tcp} process. */
final class InternalEndpointDataSource {
    static final String TYPE = "watasu_internal_endpoint";

    static final SchemaBlock SCHEMA = new SchemaBlock(
            "The internal hostname and port of an app's private `*-tcp` process, reachable only from the same app "
                    + "and the apps on its trust list.",
            List.of(
                    Attribute.of("app", CtyType.STRING, Mode.REQUIRED, "The app exposing the process."),
                    Attribute.of("process", CtyType.STRING, Mode.REQUIRED, "A process whose name ends in `-tcp`."),
                    Attribute.of("hostname", CtyType.STRING, Mode.COMPUTED,
                            "The internal hostname, `<app>-<process>` (the Service name in the team's namespace)."),
                    Attribute.of("port", CtyType.NUMBER, Mode.COMPUTED, "The port the process listens on."),
                    Attribute.of("clusters", new CtyType.ListOf(CtyType.STRING), Mode.COMPUTED,
                            "The clusters where the endpoint exists, in the order `watasu.yaml` declares them: "
                                    + "where the app runs. Only apps running on the same cluster reach it there. "
                                    + "Empty when the file declares no `clusters` (one cluster).")));

    private InternalEndpointDataSource() {
    }

    static List<Diagnostic> validate(Map<String, Object> config) {
        if (Values.known(config, "process") && ProcessKind.of(Values.string(config, "process")) != ProcessKind.TCP) {
            return List.of(notPrivate(Values.string(config, "process")));
        }
        return List.of();
    }

    private static Diagnostic notPrivate(String process) {
        return ProviderError.error("Process " + process + " has no internal endpoint",
                "Only processes named *-tcp are private TCP services with an internal hostname.",
                ProviderError.path("process"));
    }

    static Map<String, Object> read(ModelRepository repository, Map<String, Object> config) {
        String appName = Values.string(config, "app");
        String processName = Values.string(config, "process");
        if (ProcessKind.of(processName) != ProcessKind.TCP) {
            throw new ProviderError(List.of(notPrivate(processName)));
        }
        WatasuConfig model = repository.head().config();
        App app = model.app(appName).orElseThrow(() -> new ProviderError(
                "No app " + appName, "The repository's watasu.yaml has no such app.", ProviderError.path("app")));
        Process process = app.process(processName).orElseThrow(() -> new ProviderError(
                "App " + appName + " has no process " + processName,
                "Its processes are: " + String.join(", ", app.processes().stream().map(Process::name).toList()) + ".",
                ProviderError.path("process")));
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("app", appName);
        state.put("process", processName);
        state.put("hostname", Names.serviceName(appName, processName));
        state.put("port", BigDecimal.valueOf(process.port()));
        state.put("clusters", Placement.clustersOf(model.fleet(), model.team(app.team()).orElseThrow(), app));
        return state;
    }
}
