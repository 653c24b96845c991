package io.watasu.plan;

import io.watasu.model.ApiServer;
import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiServerEgressTest {
    private static final Platform PLATFORM = Platform.defaults()
            .withApiServer(new ApiServer(List.of("10.96.0.1", "172.18.0.2/32"), 6443));

    @Test
    void onlyAnAppThatAsksGetsTheApi() {
        assertEquals(List.of(), ApiServerEgress.plan(Models.app("acme", "api-app", List.of()), PLATFORM));
    }

    @Test
    void theAppsPodsMayCallTheApiServerAddressesOnItsPort() {
        App app = new App("acme", "operator-app", List.of(Models.process("worker", 5000)), List.of(), true);
        NetworkPolicyObject policy = (NetworkPolicyObject) ApiServerEgress.plan(app, PLATFORM).get(0);
        assertEquals("operator-app-kubernetes-api-egress", policy.name());
        assertEquals(Map.of("watasu.io/team", "acme", "watasu.io/app", "operator-app"),
                policy.podSelector().matchLabelMap());
        assertEquals(List.of("Egress"), policy.policyTypes());
        assertEquals(List.of("10.96.0.1/32", "172.18.0.2/32"), policy.egress().get(0).cidrs());
        assertEquals(List.of(PortRule.tcp(6443)), policy.egress().get(0).ports());
    }
}
