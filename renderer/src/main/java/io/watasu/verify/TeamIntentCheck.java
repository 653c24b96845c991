package io.watasu.verify;

import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The intent check applied team by team to a rendered folder layout ({@code <team>/...} files).
 *
 * <p>A NetworkPolicy selects pods of its own namespace only, so one team's files (with its Admin-tier guardrail,
 * {@code _guardrails/<team>.yaml}, whose subject is the team's namespace) decide everything about its own pods;
 * {@link IntentCheck}'s probes (label copies in a foreign namespace and an open outside pod) stand in for every
 * other namespace. Checking teams separately is therefore as strict as checking the whole platform at once, lets the
 * teams run in parallel, and lets {@code render} check just the teams whose output changed.
 */
public final class TeamIntentCheck {
    /** The admission policies' file in the guardrails folder: no network policy there. */
    private static final String ADMISSION_FILE = "_admission.yaml";

    private TeamIntentCheck() {
    }

    /**
     * Violations of the contract by the rendered files of {@code teams}.
     *
     * @param filesByPath rendered files keyed by path relative to the output folder ({@code acme/api-app.yaml})
     * @throws ManifestException when a rendered file cannot be read as Kubernetes manifests
     */
    public static List<Violation> check(WatasuConfig config, Map<String, String> filesByPath,
                                        Collection<String> teams) throws ManifestException {
        return check(config, filesByPath, teams, () -> { });
    }

    /** As {@link #check(WatasuConfig, Map, Collection)}, running {@code teamChecked} after each team (any thread). */
    public static List<Violation> check(WatasuConfig config, Map<String, String> filesByPath,
                                        Collection<String> teams, Runnable teamChecked) throws ManifestException {
        Set<String> teamNames = config.teams().stream().map(Team::name).collect(Collectors.toSet());
        FilesByFolder folders = new FilesByFolder(filesByPath);
        try {
            return teams.parallelStream()
                    .flatMap(name -> config.team(name).stream())
                    .flatMap(team -> {
                        List<Violation> found = checkTeam(config, teamNames, team, folders).toList();
                        teamChecked.run();
                        return found.stream();
                    })
                    .sorted(Comparator.comparing(Violation::format))
                    .toList();
        } catch (UncheckedManifestException e) {
            throw e.getCause();
        }
    }

    private static Stream<Violation> checkTeam(WatasuConfig config, Set<String> teamNames, Team team,
                                               FilesByFolder folders) {
        Map<String, String> teamFiles = folders.of(team.name(),
                path -> !otherTeamsGuardrail(teamNames, team, path));
        WatasuConfig teamOnly = config.withTeams(List.of(team));
        try {
            return IntentCheck.check(teamOnly, ManifestReader.parse(teamFiles)).stream();
        } catch (ManifestException e) {
            throw new UncheckedManifestException(e);
        }
    }

    /**
     * Whether a file of the guardrails folder is sure to select none of {@code team}'s pods: another team's guardrail
     * (its subject is that team's namespace) or the admission policies. Anything else there (a file someone added)
     * is checked with every team.
     */
    private static boolean otherTeamsGuardrail(Set<String> teamNames, Team team, String path) {
        String name = path.substring(Names.GUARDRAILS_FOLDER.length() + 1);
        if (name.equals(ADMISSION_FILE)) {
            return true;
        }
        return name.endsWith(".yaml") && !name.equals(team.name() + ".yaml")
                && teamNames.contains(name.substring(0, name.length() - ".yaml".length()));
    }

    /**
     * The files by top folder, indexed once: a team's files are those of its folder and those of the guardrails
     * folder it may be concerned by, in the order of the whole (looking through every file for every team cost 4% of
     * the CPU of a 10,000-app render).
     */
    private static final class FilesByFolder {
        private final List<Map.Entry<String, String>> files = new ArrayList<>();
        private final Map<String, List<Integer>> byFolder = new HashMap<>();

        FilesByFolder(Map<String, String> filesByPath) {
            filesByPath.forEach((path, content) -> {
                int slash = path.indexOf('/');
                if (slash > 0) {
                    byFolder.computeIfAbsent(path.substring(0, slash), k -> new ArrayList<>()).add(files.size());
                    files.add(Map.entry(path, content));
                }
            });
        }

        /** The files of {@code team}'s folder and the guardrails files that {@code guardrail} accepts, in order. */
        Map<String, String> of(String team, Predicate<String> guardrail) {
            List<Integer> own = byFolder.getOrDefault(team, List.of());
            List<Integer> guardrails = byFolder.getOrDefault(Names.GUARDRAILS_FOLDER, List.of());
            Map<String, String> result = new LinkedHashMap<>();
            int i = 0;
            int j = 0;
            while (i < own.size() || j < guardrails.size()) {
                if (j == guardrails.size() || i < own.size() && own.get(i) < guardrails.get(j)) {
                    Map.Entry<String, String> file = files.get(own.get(i++));
                    result.put(file.getKey(), file.getValue());
                } else {
                    Map.Entry<String, String> file = files.get(guardrails.get(j++));
                    if (guardrail.test(file.getKey())) {
                        result.put(file.getKey(), file.getValue());
                    }
                }
            }
            return result;
        }
    }

    /** Carries a checked exception out of the parallel stream. */
    private static final class UncheckedManifestException extends RuntimeException {
        UncheckedManifestException(ManifestException cause) {
            super(cause);
        }

        @Override
        public synchronized ManifestException getCause() {
            return (ManifestException) super.getCause();
        }
    }
}
