package io.watasu.names;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedNameTest {
    @Test
    void namesThatFitAreKept() {
        assertEquals("grpc-app-grpc-tcp-ingress", Names.ingressPolicyName("grpc-app-grpc-tcp"));
        assertEquals("grpc-app-grpc-tcp-callers-egress", Names.callersEgressPolicyName("grpc-app-grpc-tcp"));
        String exactly63 = "a".repeat(63);
        assertEquals(exactly63, Names.boundedName(exactly63));
    }

    @Test
    void longNamesAreCutToALabelWithAStableHashSuffix() {
        String service = "a-very-long-application-name-for-tests-" + "x".repeat(20) + "-grpc-tcp";
        String name = Names.callersEgressPolicyName(service);
        assertEquals(63, name.length());
        assertTrue(name.matches("[a-z0-9-]+-[0-9a-f]{8}"), name);
        assertTrue(Names.isDns1123Label(name), name);
        assertEquals(name, Names.callersEgressPolicyName(service), "deterministic");
        assertEquals(service.substring(0, 54), name.substring(0, 54));
    }

    @Test
    void longNamesSharingAPrefixStayDistinct() {
        String prefix = "p".repeat(70);
        assertNotEquals(Names.boundedName(prefix + "-ingress"), Names.boundedName(prefix + "-callers-egress"));
    }

    @Test
    void theCutNeverEndsInADashBeforeTheSuffix() {
        String name = Names.boundedName("a".repeat(53) + "-" + "b".repeat(20));
        assertTrue(Names.isDns1123Label(name), name);
        assertTrue(!name.contains("--"), name);
    }
}
