package io.watasu.review;

import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedTree;
import io.watasu.render.Renderer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Computes the {@link AccessDiff} of two revisions of watasu.yaml at the cost of the change, not of the platform.
 *
 * <p>A team's rendered files depend on nothing but the team and the platform (see
 * {@link io.watasu.plan.PolicyPlanner#planTeam}), and its policies select only its own pods and admit no other
 * team's: the connections into its processes come from its own pods, the ingress controller and external addresses
 * (the contract the built-in templates keep, which the independent verifier checks on every render). So:
 * <ul>
 *   <li>a team whose model is equal at both revisions contributes the same files and the same connections to both
 *   sides and cancels out of every part of the report (connections, apps and teams added or removed, the graph of
 *   the changed teams, the rendered files that changed): it is not rendered at all. When the platform differs (or
 *   one revision has no file), every team is compared;</li>
 *   <li>each compared team is rendered and evaluated on its own, both revisions side by side, and its rendered
 *   files are dropped once compared: memory follows the largest team, not the platform, and the evaluation, which
 *   is not linear in the number of pods, runs on small sets.</li>
 * </ul>
 * {@link #fullDiff} keeps the whole computation (every team rendered, all policies and pods evaluated together) as
 * the reference the tests hold this one to, byte for byte.
 */
public final class AccessReview {
    private final Renderer renderer;

    public AccessReview(Renderer renderer) {
        this.renderer = Objects.requireNonNull(renderer, "renderer");
    }

    /**
     * What the change from {@code base} to {@code head} does to access.
     *
     * @param base the model at the base revision, or null when the file is not there
     * @param head the model at the head revision, or null when the file is not there
     */
    public AccessDiff diff(String file, String baseLabel, WatasuConfig base, String headLabel, WatasuConfig head) {
        Set<String> compared = teamsToCompare(base, head);
        List<TeamComparison> teams = compared.parallelStream()
                .map(team -> compareTeam(teamOnly(base, team), teamOnly(head, team)))
                .toList();
        SortedSet<AccessEdge> before = new TreeSet<>();
        SortedSet<AccessEdge> after = new TreeSet<>();
        List<FileChange> changes = new ArrayList<>();
        for (TeamComparison team : teams) {
            before.addAll(team.before());
            after.addAll(team.after());
            changes.addAll(team.changes());
        }
        changes.sort(Comparator.comparing(FileChange::path));
        return AccessDiff.between(file, baseLabel, snapshot(base, before), headLabel, snapshot(head, after), changes);
    }

    /**
     * As {@link #diff}, rendering every team of both revisions and evaluating all their policies and pods together.
     */
    AccessDiff fullDiff(String file, String baseLabel, WatasuConfig base, String headLabel, WatasuConfig head) {
        RenderedTree before = render(base);
        RenderedTree after = render(head);
        return AccessDiff.between(file, baseLabel, snapshot(base, allowed(base, before)), headLabel,
                snapshot(head, allowed(head, after)), ManifestDiff.between(before, after));
    }

    /** One team at both revisions: the connections into its processes, and its rendered files that changed. */
    private record TeamComparison(SortedSet<AccessEdge> before, SortedSet<AccessEdge> after,
                                  List<FileChange> changes) {
    }

    /**
     * Both revisions of one team, side by side on the common pool (a change that touches one team has nothing else
     * to do in parallel).
     *
     * @param before the team alone at the base revision, null when it is not there; {@code after} likewise
     */
    private TeamComparison compareTeam(WatasuConfig before, WatasuConfig after) {
        List<Side> sides = Stream.of(Optional.ofNullable(before), Optional.ofNullable(after)).parallel()
                .map(config -> side(config.orElse(null))).toList();
        return new TeamComparison(sides.get(0).access(), sides.get(1).access(),
                ManifestDiff.between(sides.get(0).files(), sides.get(1).files()));
    }

    /** One revision of a team: its rendered files and the connections they allow. */
    private record Side(RenderedTree files, SortedSet<AccessEdge> access) {
    }

    private Side side(WatasuConfig config) {
        RenderedTree files = render(config);
        return new Side(files, allowed(config, files));
    }

    /** The model with only team {@code name} and the platform; null when the team (or the file) is not there. */
    private static WatasuConfig teamOnly(WatasuConfig config, String name) {
        return config == null ? null : config.team(name)
                .map(team -> config.withTeams(List.of(team))).orElse(null);
    }

    private RenderedTree render(WatasuConfig config) {
        return config == null ? new RenderedTree(List.of()) : renderer.render(config, Optional.empty());
    }

    private static SortedSet<AccessEdge> allowed(WatasuConfig config, RenderedTree rendered) {
        return config == null ? new TreeSet<>() : AccessAnalysis.allowedConnections(config, rendered);
    }

    private static Snapshot snapshot(WatasuConfig config, SortedSet<AccessEdge> access) {
        return new Snapshot(config, access);
    }

    /**
     * The teams whose model differs between the revisions (present at one only, or not equal); every team of
     * either revision when one has no file or the platform settings differ, since then every team's output may
     * change.
     */
    static Set<String> teamsToCompare(WatasuConfig base, WatasuConfig head) {
        Map<String, Team> before = new HashMap<>();
        if (base != null) {
            base.teams().forEach(team -> before.put(team.name(), team));
        }
        boolean everyTeam = base == null || head == null || !base.platform().equals(head.platform());
        Set<String> compared = new TreeSet<>();
        if (head != null) {
            for (Team team : head.teams()) {
                Team earlier = before.remove(team.name());
                if (everyTeam || !team.equals(earlier)) {
                    compared.add(team.name());
                }
            }
        }
        compared.addAll(before.keySet());
        return compared;
    }
}
