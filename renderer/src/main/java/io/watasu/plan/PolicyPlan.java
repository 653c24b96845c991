package io.watasu.plan;

import java.util.List;
import java.util.stream.Stream;

/** The whole plan: teams sorted by name, then extra files (the Argo CD wiring) when requested. */
public record PolicyPlan(List<TeamPlan> teams, List<PlannedFile> extraFiles) {
    public PolicyPlan {
        teams = List.copyOf(teams);
        extraFiles = List.copyOf(extraFiles);
    }

    public Stream<PlannedFile> files() {
        return Stream.concat(teams.stream().flatMap(t -> t.files().stream()), extraFiles.stream());
    }
}
