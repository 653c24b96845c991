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

    @Test
    void aPortWithALeadingZeroIsRefusedWhateverYamlMakesOfIt() {
        // 010 is 8 to a YAML 1.1 reader and 10 to a YAML 1.2 one; 08 and +0080 are not numbers to YAML 1.1 at all.
        assertRejected(acme("api: {processes: {a-tcp: {command: run, port: 010}, b-tcp: {command: run, port: 08},"
                        + " c-tcp: {command: run, port: +0080}}}"),
                "w.yaml:5:53: error: the port '010' of process 'a-tcp' of app 'api' has a leading zero, which YAML"
                        + " readers take differently (an octal number, a decimal one, or text) (write it without"
                        + " leading zeros: 'port: 10')",
                "w.yaml:5:87: error: the port '08' of process 'b-tcp' of app 'api' has a leading zero, which YAML"
                        + " readers take differently (an octal number, a decimal one, or text) (write it without"
                        + " leading zeros: 'port: 8')",
                "w.yaml:5:120: error: the port '+0080' of process 'c-tcp' of app 'api' has a leading zero, which"
                        + " YAML readers take differently (an octal number, a decimal one, or text) (write it without"
                        + " leading zeros: 'port: 80')");
    }

    @Test
    void onlyAQuotedNumberIsToldToLoseItsQuotes() {
        assertRejected(acme("api: {processes: {a-tcp: {command: run, port: '8080'}, b-tcp: {command: run, port: !!str 81}}}"),
                "w.yaml:5:53: error: the port of process 'a-tcp' of app 'api' must be an integer from 1 to 65535,"
                        + " found a string (remove the quotes)",
                "w.yaml:5:90: error: the port of process 'b-tcp' of app 'api' must be an integer from 1 to 65535,"
                        + " found a string (remove the quotes)");
        assertRejected(acme("api: {processes: {a-tcp: {command: run, port: 80a}}}"),
                "w.yaml:5:53: error: the port of process 'a-tcp' of app 'api' must be an integer from 1 to 65535,"
                        + " found a string (write e.g. 'port: 5000')");
    }

    @Test
    void aVersionWithALeadingZeroIsRefused() {
        assertRejected("version: 01\nteams: {}\n",
                "w.yaml:1:10: error: 'version' has a leading zero, which YAML readers take differently"
                        + " (write 'version: 1')");
    }

    /** grpc-app with its trust list indented by {@code indent} spaces (8 is right). */
    private static String trustIndentedBy(int indent) {
        return acme("grpc-app:", "  processes:", "    grpc-tcp: {command: run, port: 50051}",
                " ".repeat(indent - 6) + "trust: [api-app]", "api-app: {processes: {web: run}}");
    }

    @Test
    void aFieldIndentedAsTheNextAppIsToldWhereItBelongs() {
        assertRejected(trustIndentedBy(6),
                "w.yaml:8:7: error: 'trust' is a field of an app, but it is indented as an app of team 'acme': the"
                        + " indentation is off (indent it under 'grpc-app' (line 5) if it belongs there)");
    }

    @Test
    void aFieldIndentedTooDeepIsToldToMoveLeft() {
        assertRejected(trustIndentedBy(10),
                "w.yaml:8:11: error: 'trust' is a field of an app, but it is indented as a process of app 'grpc-app':"
                        + " the indentation is off (move it left to column 9, where the fields of the app are)");
        assertEquals(List.of(), Yaml.diagnostics(trustIndentedBy(8)));
    }

    @Test
    void misIndentedFieldsOfTeamsAndProcessesAreFoundToo() {
        assertRejected("""
                        version: 1
                        teams:
                          acme:
                          apps:
                            api: {processes: {web: run}}
                          beta:
                            apps:
                              db:
                                processes:
                                  db-tcp:
                                  port: 5432
                          platform: {domain: example.com}
                        """,
                "w.yaml:3:3: warning: team 'acme' has no apps (add apps or remove the team)",
                "w.yaml:4:3: error: 'apps' is a field of a team, but it is indented as a team: the indentation is off"
                        + " (indent it under 'acme' (line 3) if it belongs there)",
                "w.yaml:10:11: error: process 'db-tcp' of app 'db' has no command (write 'db-tcp: <command>')",
                "w.yaml:11:11: error: 'port' is a field of a process, but it is indented as a process of app 'db':"
                        + " the indentation is off (indent it under 'db-tcp' (line 10) if it belongs there)",
                "w.yaml:12:3: error: 'platform' is a field of the file, but it is indented as a team: the indentation"
                        + " is off (move it left to column 1, where the fields of the file are)");
    }

    @Test
    void anAppNamedLikeAFieldIsStillAnApp() {
        LoadResult result = ConfigLoader.parse("w.yaml", acme("trust: {processes: {web: run}}",
                "processes: {trust: [trust], processes: {port-tcp: {command: run, port: 1}}}"));
        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of("trust", "processes"), result.config().teams().get(0).apps().stream()
                .map(io.watasu.model.App::name).toList());
    }
}
