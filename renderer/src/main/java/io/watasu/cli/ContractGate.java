package io.watasu.cli;

import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.progress.Progress;
import io.watasu.verify.ManifestException;
import io.watasu.verify.TeamIntentCheck;
import io.watasu.verify.Violation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The second opinion before any rendered output is written, by {@code render} and {@code publish} alike: the
 * independent verifier checks the policies against the contract. A violation is a renderer or template defect (an
 * override template, say), never a user's input error the loader let through, so nothing is written.
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
        Map<String, String> files = new LinkedHashMap<>();
        Set<String> teams = new TreeSet<>();
        for (RenderedFile file : tree.files()) {
            files.put(file.relativePath(), file.content());
            if (!file.reused()) {
                teams.add(file.relativePath().substring(0, Math.max(0, file.relativePath().indexOf('/'))));
            }
        }
        teams.retainAll(config.teams().stream().map(Team::name).toList());
        List<Violation> violations;
        progress.step("checking teams against the contract", teams.size());
        try {
            violations = TeamIntentCheck.check(config, files, teams, () -> progress.advance(1));
        } catch (ManifestException e) {
            throw new UserFacingException("the verifier cannot read the rendered output: " + e.getMessage()
                    + "; nothing written", ExitCodes.INVALID_INPUT, e);
        }
        if (!violations.isEmpty()) {
            throw new UserFacingException(violations.size() + " contract violation(s) in the rendered output; nothing"
                    + " written (check --templates overrides; otherwise this is a defect in watasu)",
                    violations.stream().map(v -> "contract violation: " + v.format()).toList(),
                    ExitCodes.INVALID_INPUT, null);
        }
    }
}
