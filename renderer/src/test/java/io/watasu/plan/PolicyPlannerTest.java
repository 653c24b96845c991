package io.watasu.plan;

import io.watasu.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicyPlannerTest {
    @Test
    void teamsAndAppsAreSortedAndWorkerOnlyAppsHaveNoFile() {
        PolicyPlan plan = PolicyPlanner.plan(Models.example());
        assertEquals(List.of("acme/_team.yaml", "acme/api-app.yaml", "acme/grpc-app.yaml", "globex/_team.yaml",
                "globex/meet-app.yaml"), plan.files().map(PlannedFile::relativePath).toList());
    }

    @Test
    void processesAreOrderedByName() {
        PolicyPlan plan = PolicyPlanner.plan(Models.example());
        PlannedFile meet = plan.files().filter(f -> f.relativePath().equals("globex/meet-app.yaml")).findFirst()
                .orElseThrow();
        assertEquals(List.of("meet-app-cache-tcp", "meet-app-cache-tcp-ingress", "meet-app-cache-tcp-callers-egress",
                        "meet-app-media-rtc", "meet-app-media-rtc-ingress", "meet-app-web", "meet-app-web",
                        "meet-app-web-ingress"),
                meet.objects().stream().map(PlannedObject::name).toList());
    }
}
