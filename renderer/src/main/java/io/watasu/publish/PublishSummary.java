package io.watasu.publish;

import io.watasu.plan.ArgoCdPlanner;
import io.watasu.plan.PolicyPlanner;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The commit message of a publish, derived from the changed paths of the rendered tree: {@code <team>/_team.yaml}
 * stands for a team, {@code <team>/<app>.yaml} for an app (in a fleet, {@code <cluster>/<team>/...}: one per
 * cluster). Pure, so the wording is tested without Git.
 *
 * @param teams   teams in the published config
 * @param apps    apps in the published config
 * @param changes changed files, paths relative to the rendered tree's folder
 * @param foreign files watasu had not written that the publish deleted or wrote over ({@code --remove-foreign})
 */
public record PublishSummary(int teams, int apps, List<PathChange> changes, List<String> foreign) {
    public PublishSummary {
        changes = List.copyOf(changes);
        foreign = List.copyOf(foreign);
    }

    public PublishSummary(int teams, int apps, List<PathChange> changes) {
        this(teams, apps, changes, List.of());
    }

    /** {@code watasu: render 2 teams, 5 apps (+1 app, ~1 app)}. */
    public String subject() {
        List<String> counts = new ArrayList<>();
        count(counts, '+', teamNames(PathChange.Type.ADDED).size(), "team");
        count(counts, '~', teamNames(PathChange.Type.MODIFIED).size(), "team");
        count(counts, '-', teamNames(PathChange.Type.DELETED).size(), "team");
        count(counts, '+', appNames(PathChange.Type.ADDED).size(), "app");
        count(counts, '~', appNames(PathChange.Type.MODIFIED).size(), "app");
        count(counts, '-', appNames(PathChange.Type.DELETED).size(), "app");
        if (counts.isEmpty() && !changes.isEmpty()) {
            counts.add("~" + ArgoCdPlanner.FOLDER + "/");
        }
        if (!foreign.isEmpty()) {
            counts.add("-" + plural(foreign.size(), "foreign file"));
        }
        return "watasu: render " + plural(teams, "team") + ", " + plural(apps, "app")
                + (counts.isEmpty() ? "" : " (" + String.join(", ", counts) + ")");
    }

    /** One line per kind of change, naming the teams and apps ({@code team/app}). */
    public String body() {
        List<String> lines = new ArrayList<>();
        line(lines, "Teams added", teamNames(PathChange.Type.ADDED));
        line(lines, "Teams changed", teamNames(PathChange.Type.MODIFIED));
        line(lines, "Teams removed", teamNames(PathChange.Type.DELETED));
        line(lines, "Apps added", appNames(PathChange.Type.ADDED));
        line(lines, "Apps changed", appNames(PathChange.Type.MODIFIED));
        line(lines, "Apps removed", appNames(PathChange.Type.DELETED));
        line(lines, "Argo CD wiring changed", changes.stream()
                .map(PathChange::path)
                .filter(path -> path.startsWith(ArgoCdPlanner.FOLDER + "/"))
                .toList());
        line(lines, "Files not written by watasu, removed", foreign);
        return String.join("\n", lines);
    }

    public CommitMessage message(List<CommitMessage.Trailer> trailers) {
        return new CommitMessage(subject(), body(), trailers);
    }

    private List<String> teamNames(PathChange.Type type) {
        return names(type, true);
    }

    private List<String> appNames(PathChange.Type type) {
        return names(type, false);
    }

    private List<String> names(PathChange.Type type, boolean teamFiles) {
        TreeSet<String> names = new TreeSet<>();
        for (PathChange change : changes) {
            String[] parts = change.path().split("/");
            // A fleet's files are one folder deeper, <cluster>/<team>/...: named cluster:team and cluster:team/app.
            String cluster = parts.length == 3 ? parts[0] + ":" : "";
            if (parts.length == 3) {
                parts = new String[] {parts[1], parts[2]};
            }
            boolean modelFile = change.type() == type && parts.length == 2
                    && !parts[0].equals(ArgoCdPlanner.FOLDER) && parts[1].endsWith(".yaml");
            if (!modelFile) {
                continue;
            }
            boolean teamFile = parts[1].equals(PolicyPlanner.TEAM_FILE);
            if (teamFiles && teamFile) {
                names.add(cluster + parts[0]);
            } else if (!teamFiles && !teamFile) {
                names.add(cluster + parts[0] + "/" + parts[1].substring(0, parts[1].length() - ".yaml".length()));
            }
        }
        return List.copyOf(names);
    }

    private static void count(List<String> counts, char sign, int n, String noun) {
        if (n > 0) {
            counts.add(sign + plural(n, noun));
        }
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static void line(List<String> lines, String heading, List<String> names) {
        if (!names.isEmpty()) {
            lines.add(heading + ": " + String.join(", ", names));
        }
    }
}
