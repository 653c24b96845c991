package io.watasu.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The limits that keep every rendered object within what the parse-back and Kubernetes accept, at a position. */
class ModelLimitRulesTest {
    /** {@code teams} teams of one web app each. */
    static String teams(int teams) {
        StringBuilder text = new StringBuilder("version: 1\nteams:\n");
        for (int i = 1; i <= teams; i++) {
            text.append(String.format("  team-%05d: {apps: {app-%05d: {processes: {web: run}}}}%n", i, i));
        }
        return text.toString();
    }

    @Test
    void oneTeamTooManyIsRefusedAtItsPosition() {
        LoadResult result = ConfigLoader.parse("w.yaml", teams(ModelValidator.MAX_TEAMS + 1));

        assertNull(result.config());
        assertEquals(List.of("w.yaml:10003:3: error: more than 10000 teams (10001): the Argo CD AppProject lists every"
                        + " team namespace and would outgrow what Kubernetes stores (10000 namespaces is also the most"
                        + " a cluster is tested with) (split the platform: one watasu.yaml per cluster)"),
                result.diagnostics().stream().map(Diagnostic::format).toList());
    }

    @Test
    void teamNamesLongerTogetherThanTheAppProjectHoldsAreRefusedAtTheTeamThatCrossesTheLimit() {
        StringBuilder text = new StringBuilder("version: 1\nteams:\n");
        for (int i = 1; i <= 5000; i++) {
            text.append(String.format("  team-%052d: {}%n", i));
        }
        LoadResult result = ConfigLoader.parse("w.yaml", text.toString());
        assertNull(result.config());
        assertEquals(List.of("w.yaml:4388:3: error: the team names together are longer than 250000 characters: the"
                        + " Argo CD AppProject names every team twice and would outgrow what Kubernetes stores in one"
                        + " object (use shorter team names, or split the platform: one watasu.yaml per cluster)"),
                result.diagnostics().stream().map(Diagnostic::format).filter(d -> d.contains("error")).toList());
    }

    @Test
    void aTrustListLongerThanTheLimitIsRefusedAtItsFirstEntryTooMany() {
        StringBuilder text = new StringBuilder("version: 1\nteams:\n  acme:\n    apps:\n");
        StringBuilder trust = new StringBuilder();
        for (int i = 0; i <= ModelValidator.MAX_TRUST_ENTRIES; i++) {
            text.append("      c").append(i).append(": {}\n");
            trust.append(i == 0 ? "" : ", ").append('c').append(i);
        }
        text.append("      api: {processes: {x-tcp: run}, trust: [").append(trust).append("]}\n");

        LoadResult result = ConfigLoader.parse("w.yaml", text.toString());

        assertEquals(List.of("w.yaml:1006:5936: error: app 'api' trusts 1001 apps, more than the 1000 allowed: the"
                        + " policies of each *-tcp process list every caller (trust fewer apps, e.g. by merging callers)"),
                result.errors().stream().map(Diagnostic::format).toList());
    }
}
