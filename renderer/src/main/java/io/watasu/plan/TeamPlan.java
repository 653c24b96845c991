package io.watasu.plan;

import java.util.List;

/** Everything rendered for one team: {@code <team>/_team.yaml} first, then one file per exposed app, by name. */
public record TeamPlan(String team, List<PlannedFile> files) {
    public TeamPlan {
        files = List.copyOf(files);
    }
}
