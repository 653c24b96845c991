package io.watasu.plan;

import io.watasu.model.IngressController;
import io.watasu.model.Platform;
import io.watasu.testing.Models;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class WebExposureTest {
    @Test
    void namedWebProcessGetsServiceIngressOnItsHostAndPolicyFromTheIngressController() {
        List<PlannedObject> objects = WebExposure.plan(
                Models.app("acme", "api-app", List.of(), Models.process("admin-web", 8080)),
                Models.process("admin-web", 8080), Platform.defaults());
        ServiceObject service = (ServiceObject) objects.get(0);
        assertEquals("api-app-admin-web", service.name());
        assertEquals(8080, service.port());
        IngressObject ingress = (IngressObject) objects.get(1);
        assertEquals("api-app-admin.watasuhost.com", ingress.host());
        assertEquals("nginx", ingress.className());
        assertEquals("api-app-admin-web", ingress.serviceName());
        assertEquals(8080, ingress.servicePort());
        NetworkPolicyObject policy = (NetworkPolicyObject) objects.get(2);
        assertEquals("api-app-admin-web-ingress", policy.name());
        assertEquals(List.of("Ingress"), policy.policyTypes());
        Peer peer = policy.ingress().get(0).peers().get(0);
        assertEquals(Map.of("kubernetes.io/metadata.name", "ingress-nginx"), peer.namespaceSelector().matchLabelMap());
        assertEquals(Map.of("app.kubernetes.io/name", "ingress-nginx"), peer.podSelector().matchLabelMap());
        assertEquals(List.of(PortRule.tcp(8080)), policy.ingress().get(0).ports());
    }

    /** A controller in the nodes' network connects from node addresses: the web process admits those instead. */
    @Test
    void aHostNetworkControllerIsAdmittedFromTheNodeRanges() {
        Platform platform = Platform.defaults().withNodeCidrs(List.of("10.128.0.0/16"))
                .withIngress(new IngressController(Platform.DEFAULT_INGRESS_PODS, "nginx", List.of(80, 443), true));
        NetworkPolicyObject policy = (NetworkPolicyObject) WebExposure.plan(
                Models.app("acme", "api-app", List.of(), Models.process("web", 5000)),
                Models.process("web", 5000), platform).get(2);
        assertEquals(List.of("10.128.0.0/16"), policy.ingress().get(0).cidrs());
        assertEquals(List.of(), policy.ingress().get(0).selectorPeers());
        assertEquals(List.of(PortRule.tcp(5000)), policy.ingress().get(0).ports());
    }

    @Test
    void plainWebUsesTheAppHostname() {
        IngressObject ingress = (IngressObject) WebExposure.plan(
                Models.app("acme", "grpc-app", List.of(), Models.process("web", 5000)),
                Models.process("web", 5000), Platform.defaults()).get(1);
        assertEquals("grpc-app.watasuhost.com", ingress.host());
    }
}
