package io.watasu.plan;

import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.names.Names;

import java.util.List;
import java.util.Map;

/** An app that asks for the Kubernetes API: its pods may call the API server's addresses on its port. */
public final class ApiServerEgress {
    private ApiServerEgress() {
    }

    public static List<PlannedObject> plan(App app, Platform platform) {
        if (!app.kubernetesApi()) {
            return List.of();
        }
        return List.of(new NetworkPolicyObject(Names.kubernetesApiPolicyName(app.name()), app.team(),
                Labels.ofApp(app.team(), app.name()),
                Selector.labels(Map.of(Names.TEAM_LABEL, app.team(), Names.APP_LABEL, app.name())),
                List.of("Egress"), List.of(),
                List.of(new Rule(PlatformPeers.apiServer(platform),
                        List.of(PortRule.tcp(platform.apiServer().port())))),
                "pods of app " + app.name() + " may call the Kubernetes API"));
    }
}
