package io.watasu.publish;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublishSummaryTest {
    private static PathChange added(String path) {
        return new PathChange(PathChange.Type.ADDED, path);
    }

    private static PathChange modified(String path) {
        return new PathChange(PathChange.Type.MODIFIED, path);
    }

    private static PathChange deleted(String path) {
        return new PathChange(PathChange.Type.DELETED, path);
    }

    @Test
    void namesAddedChangedAndRemovedAppsAndTeams() {
        PublishSummary summary = new PublishSummary(2, 5, List.of(
                added("globex/_team.yaml"), added("globex/meet-app.yaml"), modified("acme/api-app.yaml"),
                modified("acme/grpc-app.yaml"), deleted("initech/_team.yaml"), deleted("initech/tps-app.yaml"),
                modified("argocd/applicationset.yaml")));

        assertEquals("watasu: render 2 teams, 5 apps (+1 team, -1 team, +1 app, ~2 apps, -1 app)", summary.subject());
        assertEquals("""
                Teams added: globex
                Teams removed: initech
                Apps added: globex/meet-app
                Apps changed: acme/api-app, acme/grpc-app
                Apps removed: initech/tps-app
                Argo CD wiring changed: argocd/applicationset.yaml""", summary.body());
    }

    @Test
    void singleAppChange() {
        PublishSummary summary = new PublishSummary(1, 1, List.of(modified("acme/web-app.yaml")));

        assertEquals("watasu: render 1 team, 1 app (~1 app)", summary.subject());
        assertEquals("Apps changed: acme/web-app", summary.body());
    }

    @Test
    void onlyArgoCdWiringChanged() {
        PublishSummary summary = new PublishSummary(1, 3, List.of(modified("argocd/project.yaml")));

        assertEquals("watasu: render 1 team, 3 apps (~argocd/)", summary.subject());
    }

    @Test
    void messageCarriesTrailersInTheLastParagraph() {
        CommitMessage message = new PublishSummary(1, 1, List.of(added("acme/_team.yaml"), added("acme/a.yaml")))
                .message(List.of(new CommitMessage.Trailer("Watasu-Version", "0.1.0")));

        assertEquals("""
                watasu: render 1 team, 1 app (+1 team, +1 app)

                Teams added: acme
                Apps added: acme/a

                Watasu-Version: 0.1.0
                """, message.text());
    }
}
