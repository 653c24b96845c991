package io.watasu.bridge.provider;

import io.watasu.bridge.wire.Unknown;
import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.store.ModelChange;
import io.watasu.store.ModelRepository;
import io.watasu.store.Snapshot;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Section 4 of Terraform's planning rules, on the resources' plan functions. */
class PlanningRulesTest {
    /** A fixed model; records what was checked and fails on writes, which planning must never do. */
    static final class FixedRepository implements ModelRepository {
        final List<List<ModelChange>> checked = new ArrayList<>();
        final WatasuConfig config = new WatasuConfig(1, Platform.defaults(), List.of(
                new Team("acme", List.of(new App("acme", "api-app", List.of(new Process("web", "x", 5000)), List.of()))),
                new Team("globex", List.of(new App("globex", "globex-app",
                        List.of(new Process("web", "y", 5000)), List.of())))));

        @Override
        public Snapshot head() {
            return new Snapshot(config, "", "0000", List.of());
        }

        @Override
        public void check(List<ModelChange> changes) {
            checked.add(changes);
        }

        @Override
        public Landed commit(ModelChange change) {
            throw new AssertionError("planning must not commit");
        }

        @Override
        public String location() {
            return "watasu.yaml on branch main";
        }
    }

    private final FixedRepository repository = new FixedRepository();
    private final PlannedApps planned = new PlannedApps();

    private static Map<String, Object> app(Object team, Object name, Object port) {
        Map<String, Object> process = new LinkedHashMap<>();
        process.put("command", "bundle exec grpc_server");
        process.put("port", port);
        Map<String, Object> app = new HashMap<>();
        app.put("id", null);
        app.put("team", team);
        app.put("name", name);
        app.put("processes", new LinkedHashMap<>(Map.of("grpc-tcp", process)));
        return app;
    }

    @Test
    void createPlansCertainComputedValuesAndChecksTheEdit() {
        ManagedResource.Plan plan = new AppResource().plan(repository, planned, null, app("acme", "grpc-app", null), null);
        assertEquals("acme/grpc-app", plan.planned().get("id"));
        assertEquals(new BigDecimal(5000), Values.object(Values.map(plan.planned(), "processes").get("grpc-tcp")).get("port"));
        assertEquals(List.of(), plan.requiresReplace(), "replacement is meaningless on create");
        assertEquals(1, repository.checked.size());
    }

    @Test
    void configuredValuesAreNeverPlannedUnknownAndUnknownNamesSkipTheCheck() {
        ManagedResource.Plan plan = new AppResource().plan(repository, planned, null,
                app("acme", Unknown.VALUE, new BigDecimal(50051)), null);
        assertSame(Unknown.VALUE, plan.planned().get("id"));
        assertSame(Unknown.VALUE, plan.planned().get("name"));
        assertEquals(new BigDecimal(50051),
                Values.object(Values.map(plan.planned(), "processes").get("grpc-tcp")).get("port"));
        assertTrue(repository.checked.isEmpty());
    }

    @Test
    void teamAndNameForceReplacementAndDeletesPlanNull() {
        Map<String, Object> prior = app("acme", "grpc-app", new BigDecimal(5000));
        prior.put("id", "acme/grpc-app");
        ManagedResource.Plan update = new AppResource().plan(repository, planned, prior, app("acme", "grpc-app", null), null);
        assertEquals(List.of(ProviderError.path("team"), ProviderError.path("name")), update.requiresReplace());
        assertEquals(prior, update.planned(), "an unset port keeps the default: no diff");
        assertTrue(repository.checked.isEmpty(), "no change, nothing to check");
        assertNull(new AppResource().plan(null, planned, prior, null, null).planned());
    }

    @Test
    void creatingAnAppThatExistsAsksForAnImport() {
        ProviderError error = assertThrows(ProviderError.class,
                () -> new AppResource().plan(repository, planned, null, app("acme", "api-app", null), null));
        assertTrue(error.diagnostics().get(0).getDetail().contains("terraform import"));
        assertEquals("name", error.diagnostics().get(0).getAttribute().getSteps(0).getAttributeName());
    }

    @Test
    void crossTeamTrustIsAnErrorOnTrusted() {
        Map<String, Object> trust = new HashMap<>(Map.of("app", "api-app", "trusted", List.of("globex-app")));
        trust.put("id", null);
        ProviderError error = assertThrows(ProviderError.class,
                () -> new AppTrustResource().plan(repository, planned, null, trust, null));
        assertEquals("trusted", error.diagnostics().get(0).getAttribute().getSteps(0).getAttributeName());
        assertTrue(error.diagnostics().get(0).getSummary().contains("team globex"));
    }

    @Test
    void validationToleratesUnknownsAnywhere() {
        Map<String, Object> config = new HashMap<>();
        config.put("team", Unknown.VALUE);
        config.put("name", "grpc-app");
        config.put("processes", Unknown.VALUE);
        config.put("id", null);
        assertEquals(List.of(), new AppResource().validate(config));
        assertEquals(List.of(), new AppTrustResource().validate(Map.of("app", Unknown.VALUE, "trusted", Unknown.VALUE)));
        assertEquals(List.of(), InternalEndpointDataSource.validate(Map.of("app", "a", "process", Unknown.VALUE)));
        assertEquals("process", InternalEndpointDataSource.validate(Map.of("app", "a", "process", "web")).get(0)
                .getAttribute().getSteps(0).getAttributeName());
    }

    @Test
    void namesFollowTheLoadersRulesAtValidation() {
        // App names start Service names: DNS-1035, so no leading digit, although DNS-1123 would allow one.
        var invalidApp = new AppResource().validate(app("acme", "1-app", null));
        assertEquals(1, invalidApp.size(), invalidApp::toString);
        assertEquals("name", invalidApp.get(0).getAttribute().getSteps(0).getAttributeName());
        assertTrue(invalidApp.get(0).getSummary().contains("must start with a lower-case letter"));
        assertEquals("team", new AppResource().validate(app("kube-system", "grpc-app", null)).get(0).getAttribute()
                .getSteps(0).getAttributeName());
        assertEquals(List.of(), new AppResource().validate(app("1st-team", "grpc-app", null)), "teams are DNS-1123");
        var trust = new AppTrustResource().validate(Map.of("app", "9lives", "trusted", List.of("api-app", "0day")));
        assertEquals(List.of("app", "trusted"), trust.stream()
                .map(d -> d.getAttribute().getSteps(0).getAttributeName()).toList());
    }

    @Test
    void anUnknownAppIsAPlanErrorUnlessThisPlanCreatesIt() {
        Map<String, Object> trust = new HashMap<>(Map.of("app", "api-app", "trusted", List.of("new-app")));
        trust.put("id", null);
        ProviderError error = assertThrows(ProviderError.class,
                () -> new AppTrustResource().plan(repository, planned, null, trust, null));
        assertEquals("No app new-app in watasu.yaml on branch main", error.diagnostics().get(0).getSummary());
        assertEquals("trusted", error.diagnostics().get(0).getAttribute().getSteps(0).getAttributeName());
        assertTrue(repository.checked.isEmpty());

        new AppResource().plan(repository, planned, null, app("acme", "new-app", null), null);
        new AppTrustResource().plan(repository, planned, null, trust, null);
        List<ModelChange> lastCheck = repository.checked.get(repository.checked.size() - 1);
        assertEquals(2, lastCheck.size(), "the planned app is added before the trust list is checked");
        assertTrue(lastCheck.get(0) instanceof ModelChange.UpsertApp created && created.app().equals("new-app"));
    }

    /** An app changed by this plan (moved to other clusters) is checked with a trust list that names it. */
    @Test
    void aChangedAppIsPartOfTheTrustCheckOfTheSamePlan() {
        Map<String, Object> prior = app("acme", "api-app", new BigDecimal(5000));
        prior.put("id", "acme/api-app");
        Map<String, Object> moved = app("acme", "api-app", new BigDecimal(5000));
        moved.put("clusters", List.of("eu-prod"));
        new AppResource().plan(repository, planned, prior, moved, null);
        Map<String, Object> trust = new HashMap<>(Map.of("app", "api-app", "trusted", List.of()));
        trust.put("id", null);
        new AppTrustResource().plan(repository, planned, null, trust, null);
        List<ModelChange> lastCheck = repository.checked.get(repository.checked.size() - 1);
        assertEquals(2, lastCheck.size(), lastCheck::toString);
        assertTrue(lastCheck.get(0) instanceof ModelChange.UpsertApp changed
                && changed.clusters().equals(java.util.Set.of("eu-prod")), lastCheck::toString);
    }

    @Test
    void anEmptySetOfClustersIsAValidationErrorOnTheAttribute() {
        Map<String, Object> config = app("acme", "grpc-app", null);
        config.put("clusters", List.of());
        var problems = new AppResource().validate(config);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("clusters", problems.get(0).getAttribute().getSteps(0).getAttributeName());
        config.put("clusters", Unknown.VALUE);
        assertEquals(List.of(), new AppResource().validate(config));
    }

    /** The loader's findings about a placement, or a grant it strands, land on {@code clusters}. */
    @Test
    void placementFindingsAreAnchoredToClusters() {
        for (String subject : List.of("teams.acme.apps.grpc-app.clusters[0]", "teams.acme.apps.api-app.trust[1]")) {
            io.watasu.config.Diagnostic finding = io.watasu.config.Diagnostic.error(
                    new io.watasu.config.SourcePosition("watasu.yaml", 9, 7),
                    "app 'api-app' trusts 'grpc-app', but they share no cluster", "run both apps on a common cluster")
                    .about(subject);
            ModelRepository rejecting = new ModelRepository() {
                @Override
                public Snapshot head() {
                    return repository.head();
                }

                @Override
                public void check(List<ModelChange> changes) {
                    throw new io.watasu.store.ChangeRejectedException(List.of(finding));
                }

                @Override
                public Landed commit(ModelChange change) {
                    throw new AssertionError("planning must not commit");
                }

                @Override
                public String location() {
                    return repository.location();
                }
            };
            Map<String, Object> config = app("acme", "grpc-app", null);
            config.put("clusters", List.of("staging"));
            ProviderError error = assertThrows(ProviderError.class,
                    () -> new AppResource().plan(rejecting, planned, null, config, null));
            assertEquals("clusters", error.diagnostics().get(0).getAttribute().getSteps(0).getAttributeName(), subject);
            assertTrue(error.diagnostics().get(0).getDetail().contains("watasu.yaml:9:7"), subject);
        }
    }
}
