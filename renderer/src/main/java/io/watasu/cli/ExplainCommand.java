package io.watasu.cli;

import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.fleet.ClusterView;
import io.watasu.model.App;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import io.watasu.verify.ManifestException;
import io.watasu.verify.ManifestReader;
import io.watasu.verify.ManifestSet;
import io.watasu.verify.ModelExplanation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * {@code watasu explain FROM TO[:PROCESS]}: why app FROM can or cannot reach app TO, answered by the independent
 * verifier on the rendered objects and in the terms of watasu.yaml.
 */
@Command(name = "explain",
        mixinStandardHelpOptions = true,
        description = {
                "Explains why the pods of app FROM can or cannot reach the processes of app TO (or only PROCESS):",
                "allowed or denied, the rendered objects that decide it (file:line), the watasu.yaml line whose "
                        + "meaning decides it, and the 'watasu apps:trust' command that would change it, or why no "
                        + "command can (different teams, a worker receives nothing, web is reached through the "
                        + "ingress controller, ...).",
                "The rendered objects are those in --rendered DIR (what 'watasu render' wrote), or else rendered in "
                        + "memory from watasu.yaml. They are evaluated by the verifier, which shares no code with "
                        + "the renderer; when they disagree with watasu.yaml the answer says MISMATCH."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:answered (allowed or denied)",
                "1:invalid watasu.yaml or manifests, unknown app or process, or the rendered objects contradict "
                        + "watasu.yaml",
                "2:usage error",
                "3:I/O failure"})
public final class ExplainCommand implements Callable<Integer> {
    private static final Path DEFAULT_CONFIG = Path.of("watasu.yaml");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FROM", description = "The calling app.")
    String from;

    @Parameters(index = "1", paramLabel = "TO[:PROCESS]",
            description = "The app called, optionally one of its processes (grpc-app:grpc-tcp).")
    String to;

    @Option(names = "--config", paramLabel = "FILE", description = "watasu.yaml (default: ./watasu.yaml).")
    Path config = DEFAULT_CONFIG;

    @Option(names = "--rendered", paramLabel = "DIR",
            description = "The output folder of 'watasu render' to judge; only the two apps' team folders and files"
                    + " outside team folders are read.")
    Path rendered;

    @CommandLine.Mixin
    ClusterOption cluster;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        // Without --rendered the templates are compiled while watasu.yaml loads: on a large platform each takes a
        // third of the answer's time.
        CompletableFuture<Renderer> renderer = rendered != null ? null : compileTemplates();
        LoadResult loaded = ConfigLoader.load(config);
        loaded.errors().forEach(d -> err.println(d.format()));
        if (!loaded.ok()) {
            return ExitCodes.INVALID_INPUT;
        }
        WatasuConfig model = loaded.config();
        int colon = to.indexOf(':');
        String toApp = colon < 0 ? to : to.substring(0, colon);
        String process = colon < 0 ? null : to.substring(colon + 1);
        PrintWriter out = spec.commandLine().getOut();
        List<ModelExplanation.Answer> answers = new ArrayList<>();
        // In a fleet, each cluster where both apps run answers for itself; nothing crosses clusters.
        List<ClusterView> views = cluster.views(model).stream()
                .filter(view -> view.cluster() == null
                        || view.config().app(from).isPresent() && view.config().app(toApp).isPresent())
                .toList();
        if (views.isEmpty()) {
            if (model.app(from).isEmpty() || model.app(toApp).isEmpty()) {
                // The model's own message, with its suggestions.
                views = List.of(new ClusterView(null, model));
            } else {
                out.println(from + " -> " + to + ": denied: the two apps share no cluster" + cluster.name()
                        .map(name -> " (asked about cluster " + name + ")").orElse("") + "; nothing crosses"
                        + " clusters. Place both on a common cluster (their 'clusters' lists in " + config + ")");
                out.flush();
                return ExitCodes.OK;
            }
        }
        for (ClusterView view : views) {
            WatasuConfig viewModel = view.config();
            ModelExplanation explanation = new ModelExplanation(viewModel, loaded.sources(),
                    config.equals(DEFAULT_CONFIG) ? null : config.toString());
            Set<String> teams = new LinkedHashSet<>();
            viewModel.app(from).map(App::team).ifPresent(teams::add);
            viewModel.app(toApp).map(App::team).ifPresent(teams::add);
            Path folder = rendered == null || view.cluster() == null ? rendered
                    : rendered.resolve(view.cluster().name());
            ManifestSet manifests = rendered != null ? readRendered(folder, viewModel, teams)
                    : renderInMemory(renderer.join(), viewModel, teams);
            manifests.warnings().forEach(w -> err.println(w.format()));
            List<ModelExplanation.Answer> viewAnswers;
            try {
                viewAnswers = explanation.explain(manifests, from, toApp, process);
            } catch (ModelExplanation.UnknownName e) {
                throw new UserFacingException(e.getMessage(), ExitCodes.INVALID_INPUT);
            }
            for (ModelExplanation.Answer answer : viewAnswers) {
                if (!answers.isEmpty()) {
                    out.println();
                }
                if (view.cluster() != null) {
                    out.println("on " + view.label() + ":");
                }
                // Line by line: the command's printer escapes what a hand-edited rendered file could smuggle in.
                answer.format().lines().forEach(out::println);
                answers.add(answer);
            }
        }
        out.flush();
        if (rendered == null) {
            err.println("explain: rendered in memory from " + config + " (paths are those 'watasu render' writes);"
                    + " give --rendered DIR to judge a rendered folder");
        }
        return answers.stream().allMatch(ModelExplanation.Answer::consistent) ? ExitCodes.OK
                : ExitCodes.INVALID_INPUT;
    }

    /** The teams' folders of DIR, and every manifest outside the folders of teams (cluster-wide policies). */
    private ManifestSet readRendered(Path rendered, WatasuConfig model, Set<String> teams) {
        if (!Files.isDirectory(rendered)) {
            throw new UserFacingException("cannot read " + rendered + ": not a directory (give the output folder of"
                    + " 'watasu render')", ExitCodes.FAILURE);
        }
        for (String team : teams) {
            if (!Files.isDirectory(rendered.resolve(team))) {
                throw new UserFacingException(rendered + " has no folder " + team + "/ (give the output folder of"
                        + " 'watasu render' for " + config + ")", ExitCodes.INVALID_INPUT);
            }
        }
        Set<String> otherTeams = new LinkedHashSet<>(model.teams().stream().map(Team::name).toList());
        otherTeams.removeAll(teams);
        List<Path> files = new ArrayList<>();
        // Other teams' folders are not even listed: on a large platform they are nearly all of DIR.
        try (Stream<Path> top = Files.list(rendered)) {
            for (Path entry : top.sorted().toList()) {
                if (otherTeams.contains(entry.getFileName().toString())) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(entry)) {
                    walk.filter(Files::isRegularFile).filter(ManifestReader::isManifestFile).sorted()
                            .forEach(files::add);
                }
            }
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + rendered + ": " + e.getMessage(), ExitCodes.FAILURE);
        }
        try {
            return ManifestReader.read(files);
        } catch (ManifestException e) {
            throw UserFacingException.located(e.diagnostic(), ExitCodes.INVALID_INPUT);
        } catch (IOException e) {
            throw new UserFacingException("cannot read " + rendered + ": " + e.getMessage(), ExitCodes.FAILURE);
        }
    }

    private static CompletableFuture<Renderer> compileTemplates() {
        CompletableFuture<Renderer> renderer = new CompletableFuture<>();
        Thread compiler = new Thread(() -> {
            try {
                renderer.complete(Renderer.of(RenderOptions.defaults()));
            } catch (RuntimeException | Error e) {
                renderer.completeExceptionally(e);
            }
        }, "watasu-explain-templates");
        compiler.setDaemon(true);
        compiler.start();
        return renderer;
    }

    /** A team's rendered files depend on the team and the platform only: render just the teams asked about. */
    private static ManifestSet renderInMemory(Renderer renderer, WatasuConfig model, Set<String> teams) {
        WatasuConfig subset = new WatasuConfig(model.version(), model.platform(),
                model.teams().stream().filter(t -> teams.contains(t.name())).toList());
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedFile file : renderer.render(subset, Optional.empty()).files()) {
            files.put(file.relativePath(), file.content());
        }
        try {
            return ManifestReader.parse(files);
        } catch (ManifestException e) {
            // The renderer parses every document it writes back, so this is a defect, not a user error.
            throw new IllegalStateException("rendered manifests do not parse: " + e.getMessage(), e);
        }
    }
}
