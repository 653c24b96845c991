package io.watasu.edit;

import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.config.SourcePosition;
import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The editor's operations followed by the same validation {@code render} applies: an edit whose result the loader
 * rejects is refused with the loader's diagnostics. When the original file is valid, the edited model must also be
 * exactly the original with the one intended change, so a layout the editor misreads can never alter another app.
 * Callers that write files use these, not {@link WatasuYamlEditor} directly.
 */
public final class CheckedEdits {
    /**
     * An accepted edit.
     *
     * @param text     the new file text
     * @param config   the validated model of the new text
     * @param warnings the loader's warnings about the new text
     */
    public record Result(String text, WatasuConfig config, List<Diagnostic> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    private CheckedEdits() {
    }

    /** {@link WatasuYamlEditor#setTrust}, validated. */
    public static Result setTrust(String fileName, String text, String app, List<String> trusted) {
        String edited = WatasuYamlEditor.setTrust(fileName, text, app, trusted);
        return validate(fileName, text, edited, before -> replaceApp(before, app, a -> a.withTrust(trusted)));
    }

    /** {@link WatasuYamlEditor#upsertApp}, validated; the app's {@code clusters} stay as they are. */
    public static Result upsertApp(String fileName, String text, String team, String app,
                                   Map<String, ProcessSpec> processes) {
        String edited = WatasuYamlEditor.upsertApp(fileName, text, team, app, processes);
        return validate(fileName, text, edited,
                before -> upserted(before, team, app, processes, UnaryOperator.identity()));
    }

    /**
     * {@link WatasuYamlEditor#upsertApp} followed by {@link WatasuYamlEditor#setClusters}, validated as one edit:
     * the fleet's rules (known clusters, clusters of the team, trust between apps that share a cluster) see the
     * app with both its processes and its clusters.
     *
     * @param clusters the clusters in the order to write them; empty for none (the team's clusters)
     */
    public static Result upsertApp(String fileName, String text, String team, String app,
                                   Map<String, ProcessSpec> processes, List<String> clusters) {
        String edited = WatasuYamlEditor.setClusters(fileName,
                WatasuYamlEditor.upsertApp(fileName, text, team, app, processes), app, clusters);
        return validate(fileName, text, edited,
                before -> upserted(before, team, app, processes, a -> a.withClusters(clusters)));
    }

    private static WatasuConfig upserted(WatasuConfig before, String team, String app,
                                         Map<String, ProcessSpec> processes, UnaryOperator<App> more) {
        List<Process> processList = processes.entrySet().stream()
                .map(e -> e.getValue().toProcess(e.getKey()))
                .toList();
        return before.app(app).isPresent()
                ? replaceApp(before, app, a -> more.apply(a.withProcesses(processList)))
                : addApp(before, more.apply(new App(team, app, processList, List.of())));
    }

    /** {@link WatasuYamlEditor#removeApp}, validated. */
    public static Result removeApp(String fileName, String text, String app) {
        String edited = WatasuYamlEditor.removeApp(fileName, text, app);
        return validate(fileName, text, edited, before -> before.withTeams(before.teams().stream()
                .map(t -> new Team(t.name(), t.apps().stream().filter(a -> !a.name().equals(app)).toList(),
                        t.clusters()))
                .toList()));
    }

    private static Result validate(String fileName, String original, String edited,
                                   UnaryOperator<WatasuConfig> intendedChange) {
        LoadResult after = ConfigLoader.parse(fileName, edited);
        if (!after.ok()) {
            throw new EditRefusedException(after.errors());
        }
        LoadResult before = ConfigLoader.parse(fileName, original);
        if (before.ok() && !intendedChange.apply(before.config()).equals(after.config())) {
            throw new EditRefusedException(List.of(Diagnostic.error(new SourcePosition(fileName, 1, 1),
                    "the edit would change more than intended; the file was left as it was",
                    "make the change by hand")));
        }
        return new Result(edited, after.config(), after.warnings());
    }

    private static WatasuConfig replaceApp(WatasuConfig config, String app, UnaryOperator<App> change) {
        return config.withTeams(config.teams().stream()
                .map(t -> new Team(t.name(), t.apps().stream()
                        .map(a -> a.name().equals(app) ? change.apply(a) : a)
                        .toList(), t.clusters()))
                .toList());
    }

    private static WatasuConfig addApp(WatasuConfig config, App app) {
        List<Team> teams = new ArrayList<>(config.teams());
        int index = teams.stream().map(Team::name).toList().indexOf(app.team());
        if (index < 0) {
            teams.add(new Team(app.team(), List.of(app)));
        } else {
            List<App> apps = new ArrayList<>(teams.get(index).apps());
            apps.add(app);
            teams.set(index, new Team(app.team(), apps, teams.get(index).clusters()));
        }
        return config.withTeams(teams);
    }
}
