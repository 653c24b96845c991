package io.watasu.review;

import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.render.Renderer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes the {@link AccessDiff} of two revisions of watasu.yaml at the cost of the change, not of the platform.
 *
 * <p>A team's rendered files depend on nothing but the team and the platform (see
 * {@link io.watasu.plan.PolicyPlanner#planTeam}), and its policies select only its own pods: the connections into
 * its processes come from its own pods, the ingress controller and external addresses, never from another team
 * (the contract the renderer keeps, checked by the independent verifier on every render). So a team whose model is
 * equal at both revisions contributes the same files and the same connections to both sides, and cancels out of
 * the diff. When the platform differs (or one revision has no file), every team is rendered, as before.
 *
 * <p>The teams that cancel out are left out of both sides before rendering; every part of the report (the
 * connections, the apps and teams added or removed, the graph of the changed teams, the rendered files that changed)
 * is a difference between the two sides and therefore the same, byte for byte, as with every team rendered.
 * {@link #fullDiff} keeps the whole computation as the reference the tests compare against.
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
        Set<String> teams = teamsToRender(base, head);
        return compare(file, baseLabel, restrict(base, teams), headLabel, restrict(head, teams));
    }

    /** As {@link #diff}, rendering and evaluating every team of both revisions. */
    public AccessDiff fullDiff(String file, String baseLabel, WatasuConfig base, String headLabel,
                               WatasuConfig head) {
        return compare(file, baseLabel, base, headLabel, head);
    }

    private AccessDiff compare(String file, String baseLabel, WatasuConfig base, String headLabel,
                               WatasuConfig head) {
        return AccessDiff.between(file, baseLabel, snapshot(base), headLabel, snapshot(head));
    }

    private Snapshot snapshot(WatasuConfig config) {
        return config == null ? Snapshot.absent() : Snapshot.of(config, renderer);
    }

    /**
     * The teams whose model differs between the revisions (present at one only, or not equal), or null for all
     * teams: when a revision has no file or the platform settings differ, every team's output may change.
     */
    static Set<String> teamsToRender(WatasuConfig base, WatasuConfig head) {
        if (base == null || head == null || !base.platform().equals(head.platform())) {
            return null;
        }
        Map<String, Team> before = new HashMap<>();
        base.teams().forEach(team -> before.put(team.name(), team));
        Set<String> changed = new TreeSet<>();
        for (Team team : head.teams()) {
            Team earlier = before.remove(team.name());
            if (!team.equals(earlier)) {
                changed.add(team.name());
            }
        }
        changed.addAll(before.keySet());
        return changed;
    }

    /** The model with only {@code teams} (all when null). */
    private static WatasuConfig restrict(WatasuConfig config, Set<String> teams) {
        if (config == null || teams == null) {
            return config;
        }
        List<Team> kept = config.teams().stream().filter(team -> teams.contains(team.name())).toList();
        return new WatasuConfig(config.version(), config.platform(), kept);
    }
}
