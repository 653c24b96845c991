package io.watasu.config;

import io.watasu.model.Process;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watasu.config.Yaml.acme;
import static io.watasu.config.Yaml.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SchemaRulesTest {
    @Test
    void versionIsRequired() {
        assertRejected("teams: {}\n",
                "w.yaml:1:1: error: missing required field 'version' (add 'version: 1' at the top of the file)");
    }

    @Test
    void onlyVersionOneIsSupported() {
        assertRejected("version: 2\nteams: {}\n", "w.yaml:1:10: error: unsupported version 2: this watasu supports"
                + " version 1 (write the file for version 1, or use the watasu release that supports version 2)");
    }

    @Test
    void versionMustBeAnInteger() {
        assertRejected("version: \"1\"\nteams: {}\n",
                "w.yaml:1:10: error: 'version' must be an integer, found a string (write 'version: 1')");
    }

    @Test
    void teamsIsRequired() {
        assertRejected("version: 1\n",
                "w.yaml:1:1: error: missing required field 'teams' (add a 'teams' mapping of team name to its apps)");
    }

    @Test
    void theShortFormIsTheCommandWithTheDefaultPort() {
        LoadResult result = ConfigLoader.parse("w.yaml", acme("api: {processes: {web: node server.js}}"));
        assertEquals(List.of(new Process("web", "node server.js", Process.DEFAULT_PORT)),
                result.config().app("api").orElseThrow().processes());
    }

    @Test
    void aQuotedPortIsAStringNotAPort() {
        assertRejected(acme("api: {processes: {web: {command: run, port: \"5000\"}}}"),
                "w.yaml:5:51: error: the port of process 'web' of app 'api' must be an integer from 1 to 65535,"
                        + " found a string (remove the quotes)");
    }

    @Test
    void aFractionalPortIsRejected() {
        assertRejected(acme("api: {processes: {web: {command: run, port: 5000.5}}}"),
                "w.yaml:5:51: error: the port of process 'web' of app 'api' must be an integer from 1 to 65535,"
                        + " found a decimal number (5000.5) (write e.g. 'port: 5000')");
    }

    @Test
    void aBooleanPortIsRejected() {
        assertRejected(acme("api: {processes: {web: {command: run, port: true}}}"),
                "w.yaml:5:51: error: the port of process 'web' of app 'api' must be an integer from 1 to 65535,"
                        + " found a boolean (true) (write e.g. 'port: 5000')");
    }

    @Test
    void portsOutsideOneTo65535AreRejected() {
        assertRejected(acme("api: {processes: {web: {command: run, port: 0}, x-tcp: {command: run, port: 65536}}}"),
                "w.yaml:5:51: error: the port 0 of process 'web' of app 'api' is out of range (use a port from 1 to 65535)",
                "w.yaml:5:83: error: the port 65536 of process 'x-tcp' of app 'api' is out of range"
                        + " (use a port from 1 to 65535)");
    }

    @Test
    void aNonDecimalPortIsRejected() {
        assertRejected(acme("api: {processes: {web: {command: run, port: 0x1F90}}}"),
                "w.yaml:5:51: error: the port of process 'web' of app 'api' must be a decimal integer, found '0x1F90'"
                        + " (write the port in decimal)");
    }

    @Test
    void aCommandMustBeANonEmptyString() {
        assertRejected(acme("api:", "  processes:", "    web: ''", "    worker:", "    other: true",
                        "    x-tcp: {port: 80}", "    y-tcp: {command: '  ', port: 81}"),
                "w.yaml:7:16: error: the command of process 'web' of app 'api' is empty"
                        + " (write the command the process runs)",
                "w.yaml:8:11: error: process 'worker' of app 'api' has no command (write 'worker: <command>')",
                "w.yaml:9:18: error: the command of process 'other' of app 'api' must be a string, found a boolean"
                        + " (true) (quote it: 'true')",
                "w.yaml:10:11: error: process 'x-tcp' of app 'api' has no 'command' (add 'command: <command>')",
                "w.yaml:11:28: error: the command of process 'y-tcp' of app 'api' is empty"
                        + " (write the command the process runs)");
    }

    @Test
    void anAppWithoutProcessesIsAWarningAndTheFileStillLoads() {
        LoadResult result = ConfigLoader.parse("w.yaml", acme("api:", "empty: {processes: {}}", "web-app: {processes: {web: run}}"));

        assertEquals(List.of(
                        "w.yaml:5:7: warning: app 'api' has no processes: nothing is rendered for it"
                                + " (add processes, e.g. 'web: <command>')",
                        "w.yaml:6:7: warning: app 'empty' has no processes: nothing is rendered for it"
                                + " (add processes, e.g. 'web: <command>')"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals(3, result.config().apps().count());
    }

    @Test
    void aTeamWithoutAppsIsAWarning() {
        LoadResult result = ConfigLoader.parse("w.yaml", "version: 1\nteams:\n  acme:\n  beta: {apps: {}}\n");
        assertEquals(List.of("w.yaml:3:3: warning: team 'acme' has no apps (add apps or remove the team)",
                        "w.yaml:4:3: warning: team 'beta' has no apps (add apps or remove the team)"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals(2, result.config().teams().size());
    }

    @Test
    void theTrustListMustBeAListOfNames() {
        assertRejected(acme("api: {processes: {x-tcp: run}, trust: web}", "b: {processes: {x-tcp: run}, trust: [[a]]}"),
                "w.yaml:5:45: error: 'trust' of app 'api' must be a list of app names, found a string"
                        + " (write e.g. 'trust: [api-app]')",
                "w.yaml:6:44: error: an entry of 'trust' of app 'b' must be a string, found a list");
    }

    @Test
    void keysMustBePlainNames() {
        assertRejected(acme("? [a, b]", ": {processes: {web: run}}"),
                "w.yaml:5:9: error: keys in 'apps' of team 'acme' must be plain names, found a list");
    }

    @Test
    void readingFindingsNameTheFieldTheyAreAbout() {
        LoadResult result = ConfigLoader.parse("w.yaml", acme(
                "api: {processes: {web: {command: run, port: 0}}, trusts: []}",
                "api: {}"));

        assertEquals(List.of("teams.acme.apps.api.processes.web.port", "teams.acme.apps.api.trusts",
                        "teams.acme.apps.api"),
                result.errors().stream().map(Diagnostic::subject).toList());
    }
}
