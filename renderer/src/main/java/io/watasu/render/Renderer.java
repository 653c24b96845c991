package io.watasu.render;

import io.watasu.fleet.ClusterView;
import io.watasu.fleet.Placement;
import io.watasu.model.Cluster;
import io.watasu.model.Platform;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.plan.ArgoCdPlanner;
import io.watasu.plan.GuardrailPlanner;
import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlanner;
import io.watasu.progress.Progress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Model to rendered files: plan, apply one template per object, and parse every document back before anything
 * leaves this class. Deterministic: the same model gives the same bytes (sorted, no timestamps, LF). The only input
 * besides the model and templates is an optional earlier output, whose files are reused where their fingerprint
 * proves they are what rendering would produce.
 */
public final class Renderer {
    private static final String DOCUMENT_SEPARATOR = "---\n";

    private final Templates templates;
    private final Fingerprints fingerprints;

    public Renderer(Templates templates) {
        this.templates = templates;
        this.fingerprints = new Fingerprints(templates.texts());
    }

    /** Compiles the templates {@code options} name (built-in, or overridden from a folder). */
    public static Renderer of(RenderOptions options) {
        return new Renderer(Templates.load(options.templatesDir()));
    }

    /** Compiles the templates and renders once; for repeated rendering keep a {@link Renderer} instead. */
    public static RenderedTree render(WatasuConfig config, RenderOptions options) {
        return render(config, options, PreviousOutput.none());
    }

    /** As {@link #render(WatasuConfig, RenderOptions)}, taking unchanged files from {@code previous}. */
    public static RenderedTree render(WatasuConfig config, RenderOptions options, PreviousOutput previous) {
        return of(options).render(config, options.argoCd(), previous);
    }

    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd) {
        return render(config, argoCd, PreviousOutput.none());
    }

    /**
     * Renders every file, except that what {@code previous} proves unchanged is taken from there. A team's files
     * depend on nothing but the team and the platform, so a team whose fingerprint (team, platform, templates,
     * renderer build) matches the earlier output is taken whole, without planning it; the Argo CD files, which
     * depend on every team's name, are fingerprinted by their plan.
     */
    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd, PreviousOutput previous) {
        return render(config, argoCd, previous, Progress.NONE);
    }

    /**
     * As {@link #render(WatasuConfig, Optional, PreviousOutput)}, counting teams planned and files rendered.
     * <p>
     * A fleet renders each cluster's view into the cluster's folder. Clusters that see a team the same way (the same
     * apps and grants, and equal platforms) get the same bytes: such a team is planned and rendered once and its
     * files written into each of those clusters' folders.
     */
    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd, PreviousOutput previous,
                               Progress progress) {
        List<ClusterView> views = Placement.views(config);
        List<Map<String, Team>> viewTeams = views.stream().map(view -> {
            Map<String, Team> byName = new HashMap<>();
            view.config().teams().forEach(team -> byName.put(team.name(), team));
            return byName;
        }).toList();
        List<String> teams = config.teams().stream().map(Team::name).sorted().toList();
        progress.step("planning teams", teams.size());
        boolean appLabels = config.guardrails().admission();
        Map<Platform, byte[]> platformDigests = new HashMap<>();
        views.forEach(view -> platformDigests.computeIfAbsent(view.config().platform(), Fingerprints::digestOf));
        List<List<Pending>> perTeam = teams.parallelStream()
                .map(team -> {
                    List<Pending> files = teamFiles(team, views, viewTeams, platformDigests, appLabels, previous);
                    progress.advance(1);
                    return files;
                }).toList();
        List<Pending> pending = new ArrayList<>();
        perTeam.forEach(pending::addAll);
        // Files that list every team are fingerprinted by their plan (cheap next to rendering them). The guardrails
        // are refused with a fleet by the loader, so they are a single cluster's.
        List<PlannedFile> platformWide = new ArrayList<>(GuardrailPlanner.plan(teams, config.platform(),
                config.guardrails()));
        argoCd.ifPresent(settings -> platformWide.addAll(argoCdFiles(config, views, teams, settings)));
        pending.addAll(platformWide.parallelStream().map(file -> {
            String fingerprint = fingerprints.of(file);
            return previous.file(file.relativePath(), fingerprint)
                    .map(Pending::reused).orElseGet(() -> new Pending(null, file, fingerprint, List.of("")));
        }).toList());
        progress.step("rendering files", pending.stream().filter(p -> p.reused() == null)
                .mapToLong(p -> p.folders().size()).sum());
        // Only the files to render go to the cores: among a re-render's reused files they sit together, and a
        // parallel stream over all of them gave those files to a single thread.
        List<Attempt> fresh = pending.stream().filter(p -> p.reused() == null).toList().parallelStream()
                .map(p -> attempt(p, progress)).toList();
        Iterator<Attempt> nextFresh = fresh.iterator();
        List<Attempt> attempts = pending.stream()
                .map(p -> p.reused() != null ? new Attempt(List.of(p.reused()), null) : nextFresh.next()).toList();
        // Report the first failing file in output order, whichever thread met a failure first.
        attempts.stream().filter(a -> a.error() != null).findFirst().ifPresent(a -> {
            throw a.error();
        });
        if (!config.fleet().declared()) {
            List<RenderedFile> files = new ArrayList<>();
            attempts.forEach(a -> files.addAll(a.files()));
            return new RenderedTree(files);
        }
        // Cluster by cluster, in the fleet's order (then the Argo CD files); each folder keeps the plan's order.
        Map<String, Integer> order = new HashMap<>();
        views.forEach(view -> order.put(view.folder(), order.size()));
        List<List<RenderedFile>> byCluster = new ArrayList<>();
        for (int i = 0; i <= views.size(); i++) {
            byCluster.add(new ArrayList<>());
        }
        attempts.forEach(a -> a.files().forEach(file -> byCluster.get(order.getOrDefault(
                file.relativePath().substring(0, file.relativePath().indexOf('/') + 1), views.size())).add(file)));
        List<RenderedFile> files = new ArrayList<>();
        byCluster.forEach(files::addAll);
        return new RenderedTree(files);
    }

    private List<PlannedFile> argoCdFiles(WatasuConfig config, List<ClusterView> views, List<String> teams,
                                          ArgoCdSettings settings) {
        if (!config.fleet().declared()) {
            return ArgoCdPlanner.plan(teams, settings.repoUrl(), settings.branch(), settings.path(),
                    config.guardrails().any());
        }
        List<Cluster> clusters = views.stream().map(ClusterView::cluster).toList();
        List<List<String>> placed = views.stream()
                .map(view -> view.config().teams().stream().map(Team::name).sorted().toList()).toList();
        return ArgoCdPlanner.planFleet(clusters, placed, config.fleet().rollout(), settings.repoUrl(),
                settings.branch(), settings.path());
    }

    /**
     * A file of the output: already there ({@code reused}), or still to render from {@code plan} into each of
     * {@code folders} (cluster folders, or "" for a single cluster's output).
     */
    private record Pending(RenderedFile reused, PlannedFile plan, String fingerprint, List<String> folders) {
        static Pending reused(RenderedFile file) {
            return new Pending(file, null, file.fingerprint(), List.of());
        }
    }

    /** What one team's folder looks like on some clusters: its view there and the platform. */
    private record TeamOnCluster(Team team, Platform platform) {
    }

    /**
     * One team's files on every cluster it runs on, in cluster order. Clusters that see the team alike share one
     * fingerprint and one plan; a cluster whose earlier folder is proven current reuses it.
     */
    private List<Pending> teamFiles(String name, List<ClusterView> views, List<Map<String, Team>> viewTeams,
                                    Map<Platform, byte[]> platformDigests, boolean appLabels,
                                    PreviousOutput previous) {
        Map<TeamOnCluster, List<String>> alike = new LinkedHashMap<>();
        Map<Team, byte[]> teamDigests = new IdentityHashMap<>();
        for (int i = 0; i < views.size(); i++) {
            Team team = viewTeams.get(i).get(name);
            if (team != null) {
                alike.computeIfAbsent(new TeamOnCluster(team, views.get(i).config().platform()), k -> new ArrayList<>())
                        .add(views.get(i).folder());
            }
        }
        List<Pending> files = new ArrayList<>();
        alike.forEach((teamOnCluster, folders) -> {
            String fingerprint = fingerprints.ofTeamFolder(
                    teamDigests.computeIfAbsent(teamOnCluster.team(), Fingerprints::digestOf),
                    platformDigests.get(teamOnCluster.platform()), appLabels);
            List<String> toRender = new ArrayList<>();
            for (String folder : folders) {
                previous.folder(folder + name, fingerprint).ifPresentOrElse(
                        reused -> reused.stream().sorted(PLAN_ORDER).map(Pending::reused).forEach(files::add),
                        () -> toRender.add(folder));
            }
            if (!toRender.isEmpty()) {
                PolicyPlanner.planTeam(teamOnCluster.team(), teamOnCluster.platform(), appLabels).files()
                        .forEach(file -> files.add(new Pending(null, file, fingerprint, toRender)));
            }
        });
        return files;
    }

    /** The planner's order inside a team folder: the team file, then apps by name. */
    private static final Comparator<RenderedFile> PLAN_ORDER = Comparator
            .comparing((RenderedFile file) -> !file.relativePath().endsWith("/" + PolicyPlanner.TEAM_FILE))
            .thenComparing(RenderedFile::relativePath, Renderer::compareWithoutExtension);

    /** Paths compared as String does, but without their ".yaml" (apps sort by name), and without copying either. */
    private static int compareWithoutExtension(String a, String b) {
        int lengthA = a.length() - ".yaml".length();
        int lengthB = b.length() - ".yaml".length();
        for (int i = 0; i < Math.min(lengthA, lengthB); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return a.charAt(i) - b.charAt(i);
            }
        }
        return lengthA - lengthB;
    }

    private record Attempt(List<RenderedFile> files, RenderException error) {
    }

    /** Renders a file that is not reused, into each of its folders. */
    private Attempt attempt(Pending pending, Progress progress) {
        PlannedFile file = pending.plan();
        try {
            String content = renderFile(file);
            return new Attempt(pending.folders().stream().map(folder -> new RenderedFile(
                    folder + file.relativePath(), content, pending.fingerprint(), null)).toList(), null);
        } catch (RenderException e) {
            return new Attempt(List.of(), e);
        } finally {
            progress.advance(pending.folders().size());
        }
    }

    private String renderFile(PlannedFile file) {
        String[] documents = new String[file.objects().size()];
        int length = 0;
        for (int i = 0; i < documents.length; i++) {
            PlannedObject object = file.objects().get(i);
            String document = templates.apply(object.template(), object);
            if (!document.endsWith("\n")) {
                document = document + "\n";
            }
            DocumentCheck.check(document, object);
            documents[i] = document;
            length += document.length() + DOCUMENT_SEPARATOR.length();
        }
        // Sized once: grown by doubling, the buffer of a file was copied about twice over before its final copy.
        StringBuilder content = new StringBuilder(length);
        for (String document : documents) {
            if (content.length() > 0) {
                content.append(DOCUMENT_SEPARATOR);
            }
            content.append(document);
        }
        return content.toString();
    }
}
