package io.watasu.config;

import io.watasu.fleet.ClusterView;
import io.watasu.fleet.Placement;
import io.watasu.model.App;
import io.watasu.model.Cluster;
import io.watasu.model.Fleet;
import io.watasu.model.RolloutStep;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules of a fleet: cluster names and destinations, rollout steps, where teams and apps run, trust between apps
 * that share a cluster, and every cluster's own platform (each cluster's view is checked like a file of its own).
 * Pure, like {@link ModelValidator}, which runs it.
 */
public final class FleetValidator {
    /** (cluster, team) placements: the AppProject lists each as a destination (see ModelValidator#MAX_TEAMS). */
    static final int MAX_PLACEMENTS = ModelValidator.MAX_TEAMS;
    /** Argo CD cluster names as the clouds make them: in-cluster, gke_project_zone_name, arn:aws:eks:...:cluster/x. */
    private static final Pattern ARGO_NAME = Pattern.compile("[A-Za-z0-9._:/@-]{1,253}");

    private final WatasuConfig config;
    private final SourceMap sources;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private FleetValidator(WatasuConfig config, SourceMap sources) {
        this.config = config;
        this.sources = sources;
    }

    /**
     * Findings about the fleet; {@code found} are the model's other findings, which the clusters' own checks do not
     * repeat.
     */
    static List<Diagnostic> validate(WatasuConfig config, SourceMap sources, List<Diagnostic> found) {
        FleetValidator validator = new FleetValidator(config, sources);
        Fleet fleet = config.fleet();
        if (!fleet.declared()) {
            validator.placementsWithoutFleet();
            return validator.diagnostics;
        }
        validator.checkClusters(fleet.clusters());
        validator.checkRollout(fleet);
        Set<String> names = new HashSet<>();
        fleet.clusters().forEach(c -> names.add(c.name()));
        boolean placementsKnown = validator.checkPlacements(names);
        if (placementsKnown && validator.diagnostics.isEmpty()) {
            validator.checkTrust();
            validator.checkViews(found);
        }
        return validator.diagnostics;
    }

    private void placementsWithoutFleet() {
        for (Team team : config.teams()) {
            if (!team.clusters().isEmpty()) {
                error(Subjects.field(Subjects.team(team.name()), "clusters"), "team '" + team.name() + "' lists"
                        + " clusters, but the file declares none", "declare them under a top-level 'clusters'"
                        + " mapping, or remove the list");
            }
            for (App app : team.apps()) {
                if (!app.clusters().isEmpty()) {
                    error(Subjects.field(Subjects.app(team.name(), app.name()), "clusters"), "app '" + app.name()
                            + "' lists clusters, but the file declares none", "declare them under a top-level"
                            + " 'clusters' mapping, or remove the list");
                }
            }
        }
        if (!config.fleet().rollout().isEmpty()) {
            error(Subjects.ROLLOUT, "'rollout' needs clusters to roll out to, but the file declares none",
                    "declare them under a top-level 'clusters' mapping, or remove 'rollout'");
        }
    }

    private void checkClusters(List<Cluster> clusters) {
        Map<String, String> destinations = new HashMap<>();
        for (Cluster cluster : clusters) {
            String subject = Subjects.cluster(cluster.name());
            String problem = Names.dnsLabelProblem(cluster.name(), false);
            if (problem != null) {
                error(subject, "cluster name '" + cluster.name() + "' is not valid: " + problem + " (it names the"
                        + " cluster's output folder and a label value)", "use lower-case letters, digits and '-'");
                continue;
            }
            if (cluster.name().equals(io.watasu.plan.ArgoCdPlanner.FOLDER)) {
                error(subject, "cluster name '" + cluster.name() + "' is taken: the Argo CD objects live in the"
                        + " output folder of that name", "choose another cluster name");
            }
            String destination = destination(cluster, subject);
            if (destination != null) {
                String other = destinations.putIfAbsent(destination, cluster.name());
                if (other != null) {
                    error(subject, "cluster '" + cluster.name() + "' deploys to the same Argo CD destination as"
                                    + " cluster '" + other + "' (line " + sources.at(Subjects.cluster(other)).line()
                                    + "): their Applications would fight over the same namespaces",
                            "give each cluster its own server or name");
                }
            }
            for (Map.Entry<String, String> label : cluster.sortedLabels().entrySet()) {
                String labelSubject = Subjects.labelKey(Subjects.field(subject, "labels"), label.getKey());
                if (!Names.isLabelKey(label.getKey()) || !Names.isLabelValue(label.getValue())) {
                    error(labelSubject, "label '" + label.getKey() + ": " + label.getValue() + "' of cluster '"
                                    + cluster.name() + "' is not a valid Kubernetes label",
                            "use label keys and values as Kubernetes takes them, e.g. 'env: prod'");
                }
            }
        }
    }

    /** "server URL" or "name NAME" of the cluster, or null after reporting what is wrong with it. */
    private String destination(Cluster cluster, String subject) {
        boolean server = cluster.server() != null;
        boolean name = cluster.argoName() != null;
        if (server == name) {
            error(subject, "cluster '" + cluster.name() + "' needs " + (server ? "either" : "exactly one of")
                            + " 'server' (the API server URL Argo CD deploys to) " + (server ? "or" : "and")
                            + " 'name' (its name in Argo CD)",
                    server ? "keep one of the two" : "add e.g. 'server: https://kubernetes.default.svc'");
            return null;
        }
        if (name) {
            // Argo CD renders the generators' values as Go templates too: '{{' must never reach them.
            if (!ARGO_NAME.matcher(cluster.argoName()).matches()) {
                error(Subjects.field(subject, "name"), "the Argo CD name of cluster '" + cluster.name() + "' is"
                                + " empty or holds characters other than letters, digits and . _ - : / @",
                        "write the name of its Argo CD cluster secret (e.g. 'us-prod' or an EKS cluster's ARN)");
                return null;
            }
            return "name " + cluster.argoName();
        }
        String problem = serverProblem(cluster.server());
        if (problem != null) {
            error(Subjects.field(subject, "server"), "the server of cluster '" + cluster.name() + "' " + problem,
                    "write the API server's URL as Argo CD knows it, e.g. 'https://eu-prod.example.com:6443'");
            return null;
        }
        return "server " + cluster.server();
    }

    private static String serverProblem(String server) {
        URI uri;
        try {
            uri = new URI(server);
        } catch (URISyntaxException e) {
            return "is not a URL";
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            return "is not an https:// URL";
        }
        if (uri.getHost() == null) {
            return "has no host";
        }
        if (uri.getRawUserInfo() != null) {
            // Rendered into the AppProject and the ApplicationSet: Argo CD keeps credentials in cluster secrets.
            return "carries credentials; Argo CD keeps them in the cluster's secret";
        }
        return null;
    }

    private void checkRollout(Fleet fleet) {
        List<RolloutStep> steps = fleet.rollout();
        if (steps.isEmpty()) {
            return;
        }
        Map<String, Integer> stepOf = new HashMap<>();
        for (int i = 0; i < steps.size(); i++) {
            String subject = Subjects.item(Subjects.ROLLOUT, i);
            RolloutStep step = steps.get(i);
            if (step.matchLabels().isEmpty()) {
                error(subject, "rollout step " + (i + 1) + " has no labels: it would select every cluster",
                        "give the labels of the clusters it rolls out to, e.g. 'matchLabels: {env: staging}'");
                continue;
            }
            int matched = 0;
            for (Cluster cluster : fleet.clusters()) {
                if (cluster.matches(step.matchLabels())) {
                    matched++;
                    Integer earlier = stepOf.putIfAbsent(cluster.name(), i);
                    if (earlier != null) {
                        error(subject, "cluster '" + cluster.name() + "' is selected by rollout steps " + (earlier + 1)
                                        + " and " + (i + 1) + ": a cluster belongs to one step",
                                "make the steps' labels select disjoint clusters");
                    }
                }
            }
            if (matched == 0) {
                error(subject, "rollout step " + (i + 1) + " selects no cluster", "match the labels of a cluster, or"
                        + " remove the step");
            }
        }
        for (Cluster cluster : fleet.clusters()) {
            if (!stepOf.containsKey(cluster.name())) {
                error(Subjects.cluster(cluster.name()), "cluster '" + cluster.name() + "' is in no rollout step:"
                                + " Argo CD would never sync its Applications",
                        "give it labels that a step selects, or add a step for it");
            }
        }
    }

    /** Every listed cluster exists and apps list clusters of their team; false when a name is unknown. */
    private boolean checkPlacements(Set<String> names) {
        int before = diagnostics.size();
        int placements = 0;
        for (Team team : config.teams()) {
            String teamSubject = Subjects.field(Subjects.team(team.name()), "clusters");
            checkNames(team.clusters(), names, teamSubject, "team '" + team.name() + "'");
            List<String> teamClusters = Placement.clustersOf(config.fleet(), team);
            placements += teamClusters.size();
            if (placements > MAX_PLACEMENTS && placements - teamClusters.size() <= MAX_PLACEMENTS) {
                error(Subjects.team(team.name()), "more than " + MAX_PLACEMENTS + " placements of a team on a cluster:"
                        + " the Argo CD AppProject lists each one and would outgrow what Kubernetes stores",
                        "place teams on fewer clusters, or split the fleet into several files");
            }
            for (App app : team.apps()) {
                String appSubject = Subjects.field(Subjects.app(team.name(), app.name()), "clusters");
                checkNames(app.clusters(), names, appSubject, "app '" + app.name() + "'");
                for (int i = 0; i < app.clusters().size(); i++) {
                    String cluster = app.clusters().get(i);
                    if (names.contains(cluster) && !teamClusters.contains(cluster)) {
                        error(Subjects.item(appSubject, i), "app '" + app.name() + "' is placed on cluster '"
                                        + cluster + "', where its team '" + team.name() + "' does not run",
                                "add '" + cluster + "' to the clusters of team '" + team.name() + "', or remove it"
                                        + " here");
                    }
                }
            }
        }
        return diagnostics.size() == before;
    }

    private void checkNames(List<String> listed, Set<String> names, String subject, String owner) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < listed.size(); i++) {
            String name = listed.get(i);
            if (!names.contains(name)) {
                error(Subjects.item(subject, i), owner + " lists unknown cluster '" + name + "'",
                        Suggestions.nearest(name, names).map(s -> "did you mean '" + s + "'?")
                                .orElse("declare it under 'clusters', or remove it here"));
            } else if (!seen.add(name)) {
                diagnostics.add(Diagnostic.warning(sources.at(Subjects.item(subject, i)), "cluster '" + name
                        + "' is listed twice for " + owner, "remove the repeat").about(Subjects.item(subject, i)));
            }
        }
    }

    /** Words of the finding about a trust grant between apps that share no cluster; the provider anchors it by them. */
    public static final String UNSHARED_CLUSTER_TRUST = "but they share no cluster";

    /** A grant between two apps that share no cluster could never apply: it is a mistake in the placement. */
    private void checkTrust() {
        Fleet fleet = config.fleet();
        for (Team team : config.teams()) {
            Map<String, List<String>> where = new HashMap<>();
            team.apps().forEach(app -> where.put(app.name(), Placement.clustersOf(fleet, team, app)));
            for (App app : team.apps()) {
                List<String> mine = where.get(app.name());
                for (int i = 0; i < app.trust().size(); i++) {
                    List<String> theirs = where.get(app.trust().get(i));
                    if (theirs != null && !app.trust().get(i).equals(app.name())
                            && theirs.stream().noneMatch(mine::contains)) {
                        error(Subjects.trustEntry(team.name(), app.name(), i), "app '" + app.name() + "' trusts '"
                                        + app.trust().get(i) + "', " + UNSHARED_CLUSTER_TRUST + " ('" + app.name()
                                        + "' runs on " + String.join(", ", mine) + "; '" + app.trust().get(i)
                                        + "' on " + String.join(", ", theirs) + "): nothing crosses clusters, so"
                                        + " the grant could never apply",
                                "run both apps on a common cluster, or remove the entry");
                    }
                }
            }
        }
    }

    /**
     * Each cluster's view checked like a file of its own: its platform (a cluster's settings are found where the
     * cluster writes them, else where the file does), team names against its platform's namespaces, apps that
     * need its API server. Findings the whole file already has are not repeated.
     */
    private void checkViews(List<Diagnostic> found) {
        Set<Diagnostic> known = new HashSet<>(found);
        for (ClusterView view : Placement.views(config)) {
            if (view.config().platform().equals(config.platform())) {
                continue;
            }
            String platformSubject = Subjects.field(Subjects.cluster(view.cluster().name()), Subjects.PLATFORM);
            for (Diagnostic finding : ModelValidator.validate(view.config(), sources.withPlatformAt(platformSubject))) {
                Diagnostic onCluster = new Diagnostic(finding.severity(), finding.position(),
                        "on " + view.label() + ": " + finding.message(), finding.fix(), finding.subject());
                if (!known.contains(finding) && known.add(onCluster)) {
                    diagnostics.add(onCluster);
                }
            }
        }
    }

    private void error(String subject, String message, String fix) {
        diagnostics.add(Diagnostic.error(sources.at(subject), message, fix).about(subject));
    }
}
