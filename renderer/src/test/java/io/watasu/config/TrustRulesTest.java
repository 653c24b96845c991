package io.watasu.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watasu.config.Yaml.acme;
import static io.watasu.config.Yaml.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustRulesTest {
    @Test
    void trustingAnUnknownAppSuggestsTheNearestAppOfTheTeam() {
        assertRejected(acme("grpc: {processes: {x-tcp: run}, trust: [biling-app]}", "billing-app: {processes: {web: run}}"),
                "w.yaml:5:47: error: app 'grpc' trusts unknown app 'biling-app' (not in team 'acme')"
                        + " (did you mean 'billing-app'?)");
    }

    @Test
    void trustingAnUnknownAppWithNothingCloseSaysHowToFixIt() {
        assertRejected(acme("grpc: {processes: {x-tcp: run}, trust: [zzz]}"),
                "w.yaml:5:47: error: app 'grpc' trusts unknown app 'zzz' (not in team 'acme')"
                        + " (declare the app in team 'acme' or remove the entry)");
    }

    @Test
    void trustingAnAppOfAnotherTeamIsAnError() {
        assertRejected("version: 1\nteams:\n  one: {apps: {grpc: {processes: {x-tcp: run}, trust: [api]}}}\n"
                        + "  two: {apps: {api: {processes: {web: run}}}}\n",
                "w.yaml:3:56: error: app 'grpc' trusts 'api' of team 'two': apps of different teams can never reach"
                        + " each other (if they must talk, move both apps into one team)");
    }

    @Test
    void trustWarningsLeaveTheFileLoadable() {
        LoadResult result = ConfigLoader.parse("w.yaml", acme(
                "api: {processes: {web: run}, trust: [b]}",
                "b: {processes: {x-tcp: run}, trust: [b, api, api]}"));

        assertEquals(List.of(
                        "w.yaml:5:36: warning: app 'api' has a trust list but no '*-tcp' process: the trust list has"
                                + " no effect (add a '<name>-tcp' process or remove the trust list)",
                        "w.yaml:6:44: warning: app 'b' trusts itself: an app can always reach its own processes"
                                + " (remove 'b' from its trust list)",
                        "w.yaml:6:52: warning: 'api' is already in the trust list of app 'b' (line 6)"
                                + " (remove the repeat)"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
        assertTrue(result.ok());
        assertEquals(List.of("b", "api", "api"), result.config().app("b").orElseThrow().trust());
    }

    @Test
    void diagnosticsNameTheTrustEntryTheyAreAbout() {
        LoadResult result = ConfigLoader.parse("w.yaml", acme("grpc: {processes: {x-tcp: run}, trust: [grpc, nope]}"));

        assertEquals(List.of("teams.acme.apps.grpc.trust[0]", "teams.acme.apps.grpc.trust[1]"),
                result.diagnostics().stream().map(Diagnostic::subject).toList());
    }

    @Test
    void aTrustListWithoutEffectGetsOneWarningNotOnePerEntry() {
        LoadResult result = ConfigLoader.parse("w.yaml", acme("api: {processes: {web: run}, trust: [api, b, b]}",
                "b: {processes: {web: run}}"));

        assertEquals(List.of("w.yaml:5:36: warning: app 'api' has a trust list but no '*-tcp' process: the trust list"
                        + " has no effect (add a '<name>-tcp' process or remove the trust list)"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
    }
}
