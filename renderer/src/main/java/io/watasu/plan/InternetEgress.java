package io.watasu.plan;

import io.watasu.model.Platform;

import java.util.List;

/** Every pod may call the internet: every address outside the cluster and link-local ranges, on every port. */
public final class InternetEgress {
    public static final String NAME = "allow-internet-egress";

    private InternetEgress() {
    }

    public static NetworkPolicyObject plan(String team, Platform platform) {
        return new NetworkPolicyObject(NAME, team, Labels.ofTeam(team), Selector.everything(), List.of("Egress"),
                List.of(), List.of(new Rule(PlatformPeers.internet(platform), List.of())),
                "every pod may call the internet: all addresses outside the cluster ranges");
    }
}
