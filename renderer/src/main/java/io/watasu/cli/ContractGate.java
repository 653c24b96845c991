package io.watasu.cli;

import io.watasu.config.Diagnostic;
import io.watasu.config.SourcePosition;
import io.watasu.fleet.ClusterView;
import io.watasu.fleet.Placement;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.progress.Progress;
import io.watasu.verify.ManifestException;
import io.watasu.verify.TeamIntentCheck;
import io.watasu.verify.Violation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The second opinion on rendered output: the independent verifier checks the policies against the contract.
 * {@code render} and {@code publish} run it on what they rendered before anything is written (a violation there
 * is a renderer or template defect, an override template say, never a user's input error the loader let through,
 * so nothing is written); {@code render --check} runs it on the output folder as it is, which is what Argo CD
 * applies.
 */
public final class ContractGate {
    private ContractGate() {
    }

    /**
     * Checks every team with a freshly rendered file. A reused file carries the fingerprint of output that was
     * verified when it was written, and a team's policies select only its own pods, so the other teams cannot have
     * changed.
     *
     * @throws UserFacingException (exit 1) listing every violation
     */
    public static void check(WatasuConfig config, RenderedTree tree) {
        check(config, tree, Progress.NONE);
    }

    /** As {@link #check(WatasuConfig, RenderedTree)}, counting the teams checked. */
    public static void check(WatasuConfig config, RenderedTree tree, Progress progress) {
        List<Violation> violations = violations(config, tree, progress);
        if (!violations.isEmpty()) {
            throw new UserFacingException(violations.size() + " contract violation(s) in the rendered output; nothing"
                    + " written (" + RENDER_FIX + ")",
                    violations.stream().map(v -> "contract violation: " + v.format()).toList(),
                    ExitCodes.INVALID_INPUT, null);
        }
    }

    /** What to do about a violation in freshly rendered output. */
    public static final String RENDER_FIX = "check --templates overrides; otherwise this is a defect in watasu";

    /**
     * The violations of the teams with a freshly rendered file (see {@link #check}), cluster by cluster in a fleet,
     * each against its cluster's view. A team folder with the fingerprint of one already checked (the same team
     * and platform on another cluster: the same bytes) is not checked again.
     */
    public static List<Violation> violations(WatasuConfig config, RenderedTree tree, Progress progress) {
        List<ClusterView> views = Placement.views(config);
        List<Map<String, String>> files = new ArrayList<>();
        List<Set<String>> teams = new ArrayList<>();
        Set<String> checked = new HashSet<>();
        int total = 0;
        List<RenderedFile> rendered = tree.files().stream().filter(file -> !file.reused()).toList();
        for (ClusterView view : views) {
            String folder = view.folder();
            Set<String> fresh = new TreeSet<>();
            for (RenderedFile file : rendered) {
                if (file.relativePath().startsWith(folder)) {
                    String team = teamOf(file.relativePath().substring(folder.length()));
                    if (file.fingerprint() == null || checked.add(file.fingerprint()) || fresh.contains(team)) {
                        fresh.add(team);
                    }
                }
            }
            fresh.retainAll(view.config().teams().stream().map(Team::name).toList());
            // A team is checked with its own folder and the guardrails; the text of other teams' files, reused
            // ones read from the output folder, is not needed.
            Map<String, String> viewFiles = new LinkedHashMap<>();
            for (RenderedFile file : fresh.isEmpty() ? List.<RenderedFile>of() : tree.files()) {
                if (file.relativePath().startsWith(folder)) {
                    String path = file.relativePath().substring(folder.length());
                    if (path.startsWith(Names.GUARDRAILS_FOLDER + "/") || fresh.contains(teamOf(path))) {
                        viewFiles.put(path, file.content());
                    }
                }
            }
            files.add(viewFiles);
            teams.add(fresh);
            total += fresh.size();
        }
        progress.step("checking teams against the contract", total);
        // The clusters at once: a re-render has a team or two to check on each, too few to fill the cores alone.
        List<ClusterCheck> checks = IntStream.range(0, views.size()).parallel().mapToObj(i -> {
            try {
                return new ClusterCheck(onCluster(views.get(i), TeamIntentCheck.check(views.get(i).config(),
                        files.get(i), teams.get(i), () -> progress.advance(1))), null);
            } catch (ManifestException e) {
                return new ClusterCheck(List.of(), e);
            }
        }).toList();
        List<Violation> violations = new ArrayList<>();
        for (ClusterCheck check : checks) {
            if (check.unreadable() != null) {
                throw new UserFacingException("the verifier cannot read the rendered output: "
                        + check.unreadable().getMessage() + "; nothing written", ExitCodes.INVALID_INPUT,
                        check.unreadable());
            }
            violations.addAll(check.violations());
        }
        return violations;
    }

    /** One cluster's violations, or why its output could not be read (reported in cluster order). */
    private record ClusterCheck(List<Violation> violations, ManifestException unreadable) {
    }

    /** The team a rendered file is about: its folder, or for a guardrail {@code _guardrails/<team>.yaml} its name. */
    private static String teamOf(String path) {
        String guardrails = Names.GUARDRAILS_FOLDER + "/";
        if (path.startsWith(guardrails) && path.endsWith(".yaml")) {
            return path.substring(guardrails.length(), path.length() - ".yaml".length());
        }
        return path.substring(0, Math.max(0, path.indexOf('/')));
    }

    /** Violations found in one cluster's folder say which cluster. */
    static List<Violation> onCluster(ClusterView view, List<Violation> violations) {
        if (view.cluster() == null) {
            return violations;
        }
        return violations.stream().map(v -> new Violation(v.source(), v.destination(), v.connections(), v.allowed(),
                v.rule() + " (on " + view.label() + ")", v.causes())).toList();
    }

    /**
     * The violations of every team by what its folder in {@code outDir} holds: every {@code .yaml}, {@code .yml}
     * and {@code .json} file under {@code <outDir>/<team>/}, whoever wrote it, since Argo CD applies the folder
     * whole, and the files of {@code <outDir>/_guardrails/} (each team is checked with its own guardrail). Symbolic
     * links are not followed (nothing outside the folder is read); a team without a folder has no policies, which the
     * check reports.
     *
     * @throws ManifestException when a file there is not readable as Kubernetes manifests
     */
    public static List<Violation> audit(WatasuConfig config, Path outDir, Progress progress)
            throws ManifestException, IOException {
        return audit(Placement.views(config), outDir, progress);
    }

    /**
     * As {@link #audit(WatasuConfig, Path, Progress)} for the given clusters' views, each judging its own folder
     * ({@code <outDir>/<cluster>/<team>/}) with its own platform facts.
     */
    public static List<Violation> audit(List<ClusterView> views, Path outDir, Progress progress)
            throws ManifestException, IOException {
        List<Violation> violations = new ArrayList<>();
        for (ClusterView view : views) {
            Path folder = view.cluster() == null ? outDir : outDir.resolve(view.cluster().name());
            violations.addAll(onCluster(view, auditFolder(view.config(), folder, progress)));
        }
        return violations;
    }

    private static List<Violation> auditFolder(WatasuConfig config, Path outDir, Progress progress)
            throws ManifestException, IOException {
        Map<String, String> files = new TreeMap<>();
        List<String> folders = new ArrayList<>(config.teams().stream().map(Team::name).toList());
        folders.add(Names.GUARDRAILS_FOLDER);
        for (String name : folders) {
            Path folder = outDir.resolve(name);
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(folder)) {
                for (Path file : walk.filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS))
                        .filter(ContractGate::isManifest).toList()) {
                    files.put(outDir.relativize(file).toString().replace('\\', '/'), read(outDir, file));
                }
            }
        }
        progress.step("checking teams against the contract", config.teams().size());
        return TeamIntentCheck.check(config, files, config.teams().stream().map(Team::name).toList(),
                () -> progress.advance(1));
    }

    private static boolean isManifest(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private static String read(Path outDir, Path file) throws IOException, ManifestException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(Diagnostic.error(
                    new SourcePosition(outDir.relativize(file).toString().replace('\\', '/'), 1, 1),
                    "the file is not UTF-8 text", "render the folder again, or remove the file"));
        }
    }
}
