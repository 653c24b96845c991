package io.watasu.plan;

import io.watasu.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class TcpExposureTest {
    private final List<PlannedObject> objects = TcpExposure.plan(
            Models.app("acme", "grpc-app", List.of("billing-app", "api-app"), Models.process("grpc-tcp", 50051)),
            Models.process("grpc-tcp", 50051));

    private static final Map<String, String> SERVER_PODS =
            Map.of("watasu.io/team", "acme", "watasu.io/app", "grpc-app", "watasu.io/process", "grpc-tcp");

    @Test
    void serviceIsClusterIpNamedAfterAppAndProcess() {
        ServiceObject service = (ServiceObject) objects.get(0);
        assertEquals("grpc-app-grpc-tcp", service.name());
        assertEquals("ClusterIP", service.type());
        assertEquals("TCP", service.protocol());
        assertEquals(50051, service.port());
        assertEquals(SERVER_PODS, new Selector(service.selector(), List.of()).matchLabelMap());
        assertNull(service.externalTrafficPolicy());
    }

    @Test
    void ingressAdmitsTheAppAndItsTrustedAppsOfTheSameNamespaceOnly() {
        NetworkPolicyObject ingress = (NetworkPolicyObject) objects.get(1);
        assertEquals("grpc-app-grpc-tcp-ingress", ingress.name());
        assertEquals(List.of("Ingress"), ingress.policyTypes());
        assertEquals(SERVER_PODS, ingress.podSelector().matchLabelMap());
        Peer peer = ingress.ingress().get(0).peers().get(0);
        assertNull(peer.namespaceSelector(), "no namespaceSelector: this namespace only");
        assertEquals(callers(), peer.podSelector());
        assertEquals(List.of(PortRule.tcp(50051)), ingress.ingress().get(0).ports());
    }

    @Test
    void callersGetTheMatchingEgressInTheSameFile() {
        NetworkPolicyObject egress = (NetworkPolicyObject) objects.get(2);
        assertEquals("grpc-app-grpc-tcp-callers-egress", egress.name());
        assertEquals(List.of("Egress"), egress.policyTypes());
        assertEquals(callers(), egress.podSelector());
        Peer peer = egress.egress().get(0).peers().get(0);
        assertNull(peer.namespaceSelector());
        assertEquals(SERVER_PODS, peer.podSelector().matchLabelMap());
        assertEquals(List.of(PortRule.tcp(50051)), egress.egress().get(0).ports());
    }

    private static Selector callers() {
        return new Selector(List.of(new Label("watasu.io/team", "acme")),
                List.of(new Requirement("watasu.io/app", "In", List.of("api-app", "billing-app", "grpc-app"))));
    }
}
