package io.watasu.review;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a change to watasu.yaml does to access: connections granted and revoked (from the evaluated policies of both
 * revisions), apps and teams added and removed, the app-to-app graph of the changed teams, and the rendered files.
 *
 * @param base label of the base revision, as given
 * @param head label of the head revision, or {@code working tree}
 */
public record AccessDiff(String file, String base, String head, List<AccessEdge> granted, List<AccessEdge> revoked,
                         List<String> teamsAdded, List<String> teamsRemoved, List<String> appsAdded,
                         List<String> appsRemoved, TrustGraph graph, List<FileChange> manifestChanges) {
    public AccessDiff {
        granted = List.copyOf(granted);
        revoked = List.copyOf(revoked);
        teamsAdded = List.copyOf(teamsAdded);
        teamsRemoved = List.copyOf(teamsRemoved);
        appsAdded = List.copyOf(appsAdded);
        appsRemoved = List.copyOf(appsRemoved);
        manifestChanges = List.copyOf(manifestChanges);
    }

    /** @param manifestChanges the rendered files that differ between the revisions, by path */
    public static AccessDiff between(String file, String baseLabel, Snapshot base, String headLabel, Snapshot head,
                                     List<FileChange> manifestChanges) {
        List<AccessEdge> granted = minus(head.access(), base.access());
        List<AccessEdge> revoked = minus(base.access(), head.access());
        List<String> teamsAdded = minus(head.teams(), base.teams());
        List<String> teamsRemoved = minus(base.teams(), head.teams());
        List<String> appsAdded = minus(head.qualifiedApps(), base.qualifiedApps());
        List<String> appsRemoved = minus(base.qualifiedApps(), head.qualifiedApps());
        SortedSet<String> changedTeams = new TreeSet<>(teamsAdded);
        changedTeams.addAll(teamsRemoved);
        granted.forEach(e -> changedTeams.add(e.team()));
        revoked.forEach(e -> changedTeams.add(e.team()));
        appsAdded.forEach(a -> changedTeams.add(teamOf(a)));
        appsRemoved.forEach(a -> changedTeams.add(teamOf(a)));
        return new AccessDiff(file, baseLabel, headLabel, granted, revoked, teamsAdded, teamsRemoved, appsAdded,
                appsRemoved, TrustGraph.compared(base, head, changedTeams), manifestChanges);
    }

    private static String teamOf(String qualifiedApp) {
        return qualifiedApp.substring(0, qualifiedApp.indexOf('/'));
    }

    private static <T extends Comparable<? super T>> List<T> minus(SortedSet<T> from, SortedSet<T> taken) {
        return from.stream().filter(x -> !taken.contains(x)).toList();
    }

    /** Any connection granted, even if others were revoked: the reviewer must look. */
    public boolean widened() {
        return !granted.isEmpty();
    }
}
