package io.watasu.model;

import java.util.Map;

/**
 * One step of a staged rollout: the clusters whose labels match go together, after the clusters of earlier steps are
 * in sync and healthy.
 *
 * @param matchLabels labels a cluster must all carry
 */
public record RolloutStep(Map<String, String> matchLabels) {
    public RolloutStep {
        matchLabels = Map.copyOf(matchLabels);
    }
}
