package io.watasu.plan;

import io.watasu.model.Platform;
import io.watasu.names.Names;
import io.watasu.model.Team;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The team's namespace and the policies every pod in it gets: deny all, then DNS, internet, ingress controller and
 * link-local egress (each from its own planner).
 */
public final class TeamBaseline {
    public static final String DEFAULT_DENY = "default-deny";

    private TeamBaseline() {
    }

    public static List<PlannedObject> plan(Team team, Platform platform) {
        return plan(team, platform, false);
    }

    /** @param appLabels whether the Namespace lists the team's apps as labels (for the admission guardrail) */
    public static List<PlannedObject> plan(Team team, Platform platform, boolean appLabels) {
        String ns = team.name();
        List<Label> labels = Labels.ofTeam(ns);
        List<PlannedObject> objects = new ArrayList<>(List.of(
                new NamespaceObject(ns, appLabels ? namespaceLabels(team) : labels, "namespace of team " + ns),
                new NetworkPolicyObject(DEFAULT_DENY, ns, labels, Selector.everything(), List.of("Ingress", "Egress"),
                        List.of(), List.of(),
                        "nothing reaches or leaves a pod of team " + ns + " unless another policy allows it"),
                DnsEgress.plan(ns, platform),
                InternetEgress.plan(ns, platform),
                IngressControllerEgress.plan(ns, platform)));
        objects.addAll(LinkLocalEgress.plan(ns, platform));
        return objects;
    }

    /**
     * The team's labels and one label per app, which the admission guardrail reads (only Argo CD writes them). Only
     * with that guardrail: otherwise adding or removing an app would rewrite the team file too.
     */
    static List<Label> namespaceLabels(Team team) {
        Map<String, String> labels = new HashMap<>();
        labels.put(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE);
        labels.put(Names.TEAM_LABEL, team.name());
        team.apps().forEach(app -> labels.put(Names.namespaceAppLabel(app.name()), "true"));
        return Labels.sorted(labels);
    }
}
