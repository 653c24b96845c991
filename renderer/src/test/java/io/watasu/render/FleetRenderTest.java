package io.watasu.render;

import io.watasu.fleet.ClusterView;
import io.watasu.fleet.Placement;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.testing.Documents;
import io.watasu.testing.Documents.Document;
import io.watasu.testing.Examples;
import io.watasu.testing.Schemas;
import io.watasu.testing.TestData;
import io.watasu.verify.IntentCheck;
import io.watasu.verify.ManifestReader;
import io.watasu.verify.ManifestSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fleet's output: cluster folders that each keep the contract with their own facts, and the Argo CD wiring. */
class FleetRenderTest {
    private static final ArgoCdSettings ARGO_CD = new ArgoCdSettings("https://git.example.com/platform/gitops.git",
            "main", "fleet");

    private static WatasuConfig example() {
        return Examples.load(TestData.repoRoot().resolve("examples/fleet.yaml"));
    }

    private static RenderedTree render(WatasuConfig config) {
        return Renderer.render(config, RenderOptions.defaults().withArgoCd(ARGO_CD));
    }

    /** The files of one cluster folder, paths relative to it. */
    private static Map<String, String> folder(RenderedTree tree, String cluster) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedFile file : tree.files()) {
            if (file.relativePath().startsWith(cluster + "/")) {
                files.put(file.relativePath().substring(cluster.length() + 1), file.content());
            }
        }
        return files;
    }

    @Test
    void everyClusterKeepsTheContractWithItsOwnPlatformFacts() throws Exception {
        WatasuConfig fleet = example();
        RenderedTree tree = render(fleet);
        List<ClusterView> views = Placement.views(fleet);
        assertEquals(List.of("staging", "eu-prod", "us-prod"), views.stream().map(v -> v.cluster().name()).toList());
        for (ClusterView view : views) {
            ManifestSet manifests = ManifestReader.parse(folder(tree, view.cluster().name()));
            assertEquals(List.of(), IntentCheck.check(view.config(), manifests), view.label());
        }
        // The checks are not vacuous: eu-prod's folder judged with staging's facts breaks the contract (GKE's
        // DNS addresses and Service range are not staging's).
        ManifestSet euProd = ManifestReader.parse(folder(tree, "eu-prod"));
        WatasuConfig stagingFacts = new WatasuConfig(1, views.get(0).config().platform(),
                views.get(1).config().teams());
        assertFalse(IntentCheck.check(stagingFacts, euProd).isEmpty());
    }

    @Test
    void clusterPlatformsMergeOverTheFileField_by_field() {
        WatasuConfig fleet = example();
        var staging = fleet.fleet().cluster("staging").orElseThrow().platform();
        var euProd = fleet.fleet().cluster("eu-prod").orElseThrow().platform();
        var usProd = fleet.fleet().cluster("us-prod").orElseThrow().platform();
        assertEquals(fleet.platform(), staging);
        assertEquals("gke", euProd.profile().key());
        assertEquals(List.of("169.254.20.10", "169.254.169.254"), euProd.dns().addresses());   // the profile's
        assertEquals(List.of("10.8.0.0/14", "10.12.0.0/20", "34.118.224.0/20"), euProd.clusterCidrs());
        assertEquals("watasuhost.com", euProd.domain());                                      // the file's
        assertEquals("eks", usProd.profile().key());
        assertEquals("us.watasuhost.com", usProd.domain());                                   // the cluster's
    }

    @Test
    void aTeamPlacedOnOneClusterHasNoObjectsOnAnother() {
        RenderedTree tree = render(example());
        List<Document> documents = Documents.of(tree);
        Set<String> labClusters = new TreeSet<>();
        for (Document document : documents) {
            if ("lab".equals(document.namespace()) || "lab".equals(document.name())) {
                labClusters.add(document.file().substring(0, document.file().indexOf('/')));
            }
        }
        assertEquals(Set.of("staging"), labClusters);
        // billing-app runs on eu-prod only: grpc-app's grant to it exists there and nowhere else.
        assertTrue(folder(tree, "eu-prod").get("acme/grpc-app.yaml").contains("billing-app"));
        assertFalse(folder(tree, "staging").get("acme/grpc-app.yaml").contains("billing-app"));
        assertFalse(folder(tree, "us-prod").get("acme/grpc-app.yaml").contains("billing-app"));
        // The AppProject lets lab deploy to staging only.
        Document project = documents.stream().filter(d -> d.kind().equals("AppProject")).findFirst().orElseThrow();
        List<String> destinations = destinations(project);
        assertEquals(List.of("server https://kubernetes.default.svc acme", "server https://kubernetes.default.svc globex",
                "server https://kubernetes.default.svc lab", "server https://eu-prod.example.com:6443 acme",
                "name us-prod acme", "name us-prod globex"), destinations);
    }

    /** As the single-cluster project: a team Application may create its own team's Namespace, and no other. */
    @Test
    @SuppressWarnings("unchecked")
    void theProjectAllowsOnlyTheTeamsNamespacesAtClusterScope() {
        Document project = Documents.of(render(example())).stream().filter(d -> d.kind().equals("AppProject"))
                .findFirst().orElseThrow();
        List<String> clusterScoped = new ArrayList<>();
        for (Map<String, Object> kind : (List<Map<String, Object>>) project.spec().get("clusterResourceWhitelist")) {
            clusterScoped.add(kind.get("group") + "/" + kind.get("kind") + "/" + kind.get("name"));
        }
        assertEquals(List.of("/Namespace/acme", "/Namespace/globex", "/Namespace/lab"), clusterScoped);
        List<String> namespaced = new ArrayList<>();
        for (Map<String, Object> kind : (List<Map<String, Object>>) project.spec().get("namespaceResourceWhitelist")) {
            namespaced.add(kind.get("group") + "/" + kind.get("kind"));
        }
        assertEquals(List.of("/Service", "networking.k8s.io/NetworkPolicy", "networking.k8s.io/Ingress"), namespaced);
    }

    @SuppressWarnings("unchecked")
    private static List<String> destinations(Document project) {
        List<String> result = new ArrayList<>();
        for (Map<String, Object> d : (List<Map<String, Object>>) project.spec().get("destinations")) {
            result.add((d.containsKey("server") ? "server " + d.get("server") : "name " + d.get("name")) + " "
                    + d.get("namespace"));
        }
        return result;
    }

    @Test
    @SuppressWarnings("unchecked")
    void applicationSetProjectAndRolloutValidateAgainstTheArgoCdSchemas() {
        List<Document> argo = Documents.of(render(example())).stream()
                .filter(d -> d.file().startsWith("argocd/")).toList();
        Schemas schemas = new Schemas();
        assertEquals(2, argo.size());
        for (Document document : argo) {
            assertEquals(List.of(), schemas.problems(document.object()), document.file());
        }
        Document applicationSet = argo.stream().filter(d -> d.kind().equals("ApplicationSet")).findFirst()
                .orElseThrow();
        List<Map<String, Object>> generators = (List<Map<String, Object>>) applicationSet.spec().get("generators");
        assertEquals(List.of("fleet/staging/*", "fleet/eu-prod/*", "fleet/us-prod/*"), generators.stream()
                .map(g -> Documents.at(g, "git", "directories", 0, "path")).toList());
        assertEquals(Map.of("cluster", "us-prod", "server", "", "name", "us-prod"),
                Documents.at(generators.get(2), "git", "values"));
        assertEquals("RollingSync", Documents.at(applicationSet.spec(), "strategy", "type"));
        assertEquals(List.of(List.of("staging"), List.of("eu-prod", "us-prod")),
                ((List<Map<String, Object>>) Documents.at(applicationSet.spec(), "strategy", "rollingSync", "steps"))
                        .stream().map(step -> Documents.at(step, "matchExpressions", 0, "values")).toList());
        assertEquals("watasu.io/cluster", Documents.at(applicationSet.spec(), "strategy", "rollingSync", "steps", 0,
                "matchExpressions", 0, "key"));
        assertEquals("{{.values.cluster}}", Documents.at(applicationSet.spec(), "template", "metadata", "labels",
                "watasu.io/cluster"));
        // Today's protections against mass deletion stay.
        assertEquals("create-update", Documents.at(applicationSet.spec(), "syncPolicy", "applicationsSync"));
        assertEquals(Boolean.TRUE, Documents.at(applicationSet.spec(), "syncPolicy", "preserveResourcesOnDeletion"));
        // The validator rejects a broken step, so the check above can fail.
        Map<String, Object> broken = new LinkedHashMap<>(applicationSet.object());
        Map<String, Object> spec = new LinkedHashMap<>(applicationSet.spec());
        spec.put("strategy", Map.of("type", "RollingSync", "rollingSync", Map.of("steps",
                List.of(Map.of("matchLabels", Map.of("env", "prod"))))));
        broken.put("spec", spec);
        assertFalse(schemas.problems(broken).isEmpty());
    }

    @Test
    void withoutRolloutThereIsNoStrategy() {
        WatasuConfig fleet = Examples.parse("""
                version: 1
                clusters:
                  a: { server: https://a.example.com }
                  b: { name: b }
                teams:
                  acme:
                    apps:
                      api-app: { processes: { web: x } }
                """);
        Document applicationSet = Documents.of(render(fleet)).stream().filter(d -> d.kind().equals("ApplicationSet"))
                .findFirst().orElseThrow();
        assertFalse(applicationSet.spec().containsKey("strategy"));
        assertEquals(List.of(), new Schemas().problems(applicationSet.object()));
    }

    @Test
    void aOneClusterFleetRendersTheBytesOfTheFileWithoutClusters() {
        WatasuConfig single = Examples.load(Examples.exampleFile());
        WatasuConfig fleet = new WatasuConfig(single.version(), single.platform(), single.teams(),
                new io.watasu.model.Fleet(List.of(new io.watasu.model.Cluster("prod", "https://kubernetes.default.svc",
                        null, Map.of(), single.platform())), List.of()));
        RenderedTree plain = Renderer.render(single, RenderOptions.defaults());
        RenderedTree clustered = Renderer.render(fleet, RenderOptions.defaults());
        assertEquals(plain.files().stream().map(f -> "prod/" + f.relativePath() + "\n" + f.content()).toList(),
                clustered.files().stream().map(f -> f.relativePath() + "\n" + f.content()).toList());
    }

    @Test
    void clustersThatSeeATeamAlikeShareItsBytesAndFingerprint() {
        RenderedTree tree = render(example());
        Map<String, RenderedFile> byPath = tree.files().stream()
                .collect(Collectors.toMap(RenderedFile::relativePath, f -> f));
        // staging and us-prod see globex alike except for the platform (us-prod is EKS with its own domain).
        assertNotEquals(byPath.get("staging/globex/meet-app.yaml").content(),
                byPath.get("us-prod/globex/meet-app.yaml").content());
        WatasuConfig twins = Examples.parse("""
                version: 1
                clusters:
                  a: { server: https://a.example.com }
                  b: { server: https://b.example.com }
                teams:
                  acme:
                    apps:
                      api-app: { processes: { web: x, db-tcp: y }, trust: [] }
                """);
        RenderedTree twinTree = Renderer.render(twins, RenderOptions.defaults());
        assertEquals(4, twinTree.files().size());
        assertEquals(twinTree.files().get(0).content(), twinTree.files().get(2).content());
        assertEquals(twinTree.files().get(0).fingerprint(), twinTree.files().get(2).fingerprint());
        assertEquals(List.of("a/acme/_team.yaml", "a/acme/api-app.yaml", "b/acme/_team.yaml", "b/acme/api-app.yaml"),
                twinTree.files().stream().map(RenderedFile::relativePath).toList());
    }
}
