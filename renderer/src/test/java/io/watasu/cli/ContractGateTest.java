package io.watasu.cli;

import io.watasu.output.RenderedFile;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.testing.CliRun;
import io.watasu.testing.Examples;
import io.watasu.testing.PeerTemplates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Template overrides that still render valid objects but break the contract in ways only the platform's own facts
 * reveal: both gates, {@code render}'s contract check and {@code verify --config} on the same output, must refuse
 * them.
 */
class ContractGateTest {
    @TempDir
    Path dir;

    private static String builtIn(String template) throws IOException {
        return Files.readString(Path.of(System.getProperty("watasu.repoRoot"), "templates", template));
    }

    private Path overriding(String template, String text) throws IOException {
        Path templates = Files.createDirectories(dir.resolve("templates"));
        Files.writeString(templates.resolve(template), text);
        return templates;
    }

    /** The output of the overriding templates, written without the gate, as a hand-made folder would be. */
    private Path renderedWithoutTheGate(Path config, Path templates) throws IOException {
        Path out = dir.resolve("ungated");
        for (RenderedFile file : Renderer.render(Examples.load(config),
                RenderOptions.defaults().withTemplatesDir(templates)).files()) {
            Path target = out.resolve(file.relativePath());
            Files.createDirectories(target.getParent());
            Files.writeString(target, file.content());
        }
        return out;
    }

    /** Both gates refuse the override, naming {@code expected} among the violations. */
    private void bothGatesRefuse(Path templates, String expected) throws IOException {
        bothGatesRefuse(Examples.exampleFile(), templates, expected);
    }

    private void bothGatesRefuse(Path config, Path templates, String expected) throws IOException {
        bothGatesRefuse(config, templates, line -> line.contains(expected), expected);
    }

    /** Both gates refuse the override, each reporting a violation that {@code violation} accepts. */
    private void bothGatesRefuse(Path config, Path templates, java.util.function.Predicate<String> violation,
                                 String what) throws IOException {
        String example = config.toString();
        Path target = dir.resolve("out");
        CliRun render = CliRun.of("render", example, "--out", target.toString(), "--templates", templates.toString());
        assertEquals(ExitCodes.INVALID_INPUT, render.exitCode(), render.stderr());
        assertTrue(render.stderr().lines().anyMatch(l -> l.contains("contract violation: ") && violation.test(l)),
                what + " in\n" + render.stderr());
        assertFalse(Files.exists(target));

        CliRun verify = CliRun.of("verify", renderedWithoutTheGate(config, templates).toString(), "--config",
                example);
        assertEquals(ExitCodes.INVALID_INPUT, verify.exitCode(), verify.stdout() + verify.stderr());
        assertTrue((verify.stdout() + verify.stderr()).lines().anyMatch(violation),
                what + " in\n" + verify.stdout() + verify.stderr());
    }

    /**
     * The platform peers (DNS, ingress controller) widened from their namespace to every namespace: a pod anywhere
     * that copies the controller's labels would receive every team's calls and reach every web process.
     */
    @Test
    void aPlatformPeerWidenedBeyondItsNamespaceIsRefused() throws IOException {
        String template = builtIn("networkpolicy.yaml.hbs");
        Path templates = overriding("networkpolicy.yaml.hbs", PeerTemplates.withPeers(template,
                PeerTemplates.PLATFORM_PEER.replace("{{yamlSelector namespaceSelector}}", "{}"),
                PeerTemplates.OWN_NAMESPACE_PEER));
        bothGatesRefuse(templates, "label-copy-of-ingress-controller");
    }

    /** Every Ingress routed to a private *-tcp Service instead of the web process's own. */
    @Test
    void anIngressWithAnotherBackendIsRefused() throws IOException {
        String template = builtIn("ingress.yaml.hbs");
        String backend = "            name: {{yaml serviceName}}\n            port:\n              number: {{servicePort}}\n";
        assertTrue(template.contains(backend), "the template still names its backend so");
        Path templates = overriding("ingress.yaml.hbs", template.replace(backend,
                "            name: grpc-app-grpc-tcp\n            port:\n              number: 50051\n"));
        bothGatesRefuse(templates, "Ingress acme/grpc-app-web");
    }

    /** Every public host routed to the web process of another app: the policies are the same, the exposure not. */
    @Test
    void anIngressWithAnotherHostIsRefused() throws IOException {
        String template = builtIn("ingress.yaml.hbs");
        String host = "  - host: {{yaml host}}\n";
        assertTrue(template.contains(host), "the template still names its host so");
        Path templates = overriding("ingress.yaml.hbs", template.replace(host, "  - host: login.watasuhost.com\n"));
        bothGatesRefuse(templates, "Ingress acme/grpc-app-web -> host login.watasuhost.com");
    }

    /**
     * Every egress policy also reaching the node ranges and all of link-local: the platform lists one link-local
     * address and a host-network controller, whose node ports are all a pod may use there.
     */
    @Test
    void aRuleReachingNodeOrLinkLocalAddressesThePlatformDidNotListIsRefused() throws IOException {
        String example = Files.readString(Examples.exampleFile());
        String withFacts = example.replace("  domain: watasuhost.com\n", "  domain: watasuhost.com\n"
                + "  nodeCidrs: [10.128.0.0/16]\n  linkLocal: [{ cidr: 169.254.169.254/32, ports: [80] }]\n")
                .replace("className: nginx }", "className: nginx, hostNetwork: true }");
        assertTrue(withFacts.contains("hostNetwork: true") && withFacts.contains("linkLocal"), "the example changed");
        Path config = Files.writeString(dir.resolve("watasu.yaml"), withFacts);
        String template = builtIn("networkpolicy.yaml.hbs");
        String egress = "  egress:\n";
        assertTrue(template.contains(egress), "the template still opens its egress rules so");
        Path templates = overriding("networkpolicy.yaml.hbs", template.replace(egress, egress
                + "  - to:\n    - ipBlock: {cidr: 10.128.0.0/16}\n    - ipBlock: {cidr: 169.254.0.0/16}\n"));
        // At the nodes the controller's ports are granted, so the excess is every other port.
        bothGatesRefuse(config, templates, l -> l.contains("-> external 10.128.0.0-10.128.255.255 SCTP 1-65535,TCP 1-79,81-442,444-")
                && l.contains(" allowed, but node addresses (platform.nodeCidrs) are reached only on the ports of a"
                + " host-network ingress controller"), "egress to the node range");
        bothGatesRefuse(config, templates, l -> l.contains("-> external 169.254.0.0-169.254.169.253 All Connections"
                + " allowed, but link-local addresses are never the internet"), "egress to link-local");
        bothGatesRefuse(config, templates, l -> l.contains("-> external 169.254.169.254-169.254.169.254 SCTP 1-65535,TCP 1-79,81-65535,")
                && l.contains("link-local addresses are never the internet"), "egress to the listed address");
    }
}
