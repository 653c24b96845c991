package io.watasu.plan;

import io.watasu.model.Guardrails;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * ValidatingAdmissionPolicies for team namespaces: who may give pods their network identity (the {@code watasu.io/*}
 * labels NetworkPolicies select by), that the identity is one of the namespace's team and apps, and who may write
 * NetworkPolicies. The expressions use standard CEL only (no Kubernetes library functions), so that any CEL
 * implementation evaluates them as the API server does.
 */
public final class AdmissionGuardrails {
    public static final String POD_LABELS = "watasu-pod-labels";
    public static final String WORKLOAD_LABELS = "watasu-workload-labels";
    public static final String CRONJOB_LABELS = "watasu-cronjob-labels";
    public static final String NETWORK_POLICIES = "watasu-network-policies";
    /**
     * Kubernetes' own workload controllers, which create pods and ReplicaSets and Jobs from templates a deployer
     * wrote: their service accounts (kube-controller-manager's --use-service-account-credentials, the default of
     * kubeadm and the managed clusters) and the controller manager's own user otherwise.
     */
    public static final List<String> WORKLOAD_CONTROLLERS = List.of(
            "system:kube-controller-manager",
            "system:serviceaccount:kube-system:cronjob-controller",
            "system:serviceaccount:kube-system:daemon-set-controller",
            "system:serviceaccount:kube-system:deployment-controller",
            "system:serviceaccount:kube-system:job-controller",
            "system:serviceaccount:kube-system:replicaset-controller",
            "system:serviceaccount:kube-system:replication-controller",
            "system:serviceaccount:kube-system:statefulset-controller");
    /** Controllers that delete a namespace's objects when the namespace goes, or their owner does. */
    public static final List<String> CLEANUP_CONTROLLERS = List.of(
            "system:kube-controller-manager",
            "system:serviceaccount:kube-system:generic-garbage-collector",
            "system:serviceaccount:kube-system:namespace-controller");
    private static final String WATASU_PREFIX = "watasu.io/";
    private static final List<String> WRITE = List.of("CREATE", "UPDATE");

    private AdmissionGuardrails() {
    }

    public static List<PlannedObject> plan(Guardrails guardrails) {
        Selector teamNamespaces = new Selector(List.of(),
                List.of(new Requirement(Names.TEAM_LABEL, "Exists", List.of())));
        List<Label> labels = Labels.sorted(Map.of(Names.MANAGED_BY_LABEL, Names.MANAGED_BY_VALUE));
        List<String> actions = guardrails.admissionMode() == Guardrails.AdmissionMode.DENY
                ? List.of("Deny", "Audit") : List.of("Audit", "Warn");
        List<AdmissionPolicyObject> policies = List.of(
                labelPolicy(POD_LABELS, labels, teamNamespaces, guardrails,
                        List.of(new AdmissionPolicyObject.ResourceRule("", List.of("pods"), WRITE)),
                        "object.metadata", "pods"),
                labelPolicy(WORKLOAD_LABELS, labels, teamNamespaces, guardrails, List.of(
                                new AdmissionPolicyObject.ResourceRule("apps",
                                        List.of("daemonsets", "deployments", "replicasets", "statefulsets"), WRITE),
                                new AdmissionPolicyObject.ResourceRule("batch", List.of("jobs"), WRITE),
                                new AdmissionPolicyObject.ResourceRule("", List.of("replicationcontrollers"), WRITE)),
                        "object.spec.template.metadata", "pod templates of workloads"),
                labelPolicy(CRONJOB_LABELS, labels, teamNamespaces, guardrails,
                        List.of(new AdmissionPolicyObject.ResourceRule("batch", List.of("cronjobs"), WRITE)),
                        "object.spec.jobTemplate.spec.template.metadata", "pod templates of CronJobs"),
                networkPolicies(labels, teamNamespaces, guardrails));
        List<PlannedObject> objects = new ArrayList<>();
        for (AdmissionPolicyObject policy : policies) {
            objects.add(policy);
            objects.add(new AdmissionBindingObject(policy.name(), labels, "puts " + policy.name() + " into effect in"
                    + " team namespaces (" + guardrails.admissionMode().key() + ")", policy.name(), actions,
                    teamNamespaces));
        }
        return objects;
    }

    /**
     * Identity labels on pods, or on the pod template at {@code metadata} (a CEL path from {@code object}).
     * An update that leaves the watasu.io labels as they were is never refused, so rolling out a new image stays
     * open to whoever may do that.
     */
    private static AdmissionPolicyObject labelPolicy(String name, List<Label> labels, Selector namespaces,
                                                     Guardrails guardrails,
                                                     List<AdmissionPolicyObject.ResourceRule> resources,
                                                     String metadata, String what) {
        String oldMetadata = "old" + Character.toUpperCase(metadata.charAt(0)) + metadata.substring(1);
        List<AdmissionPolicyObject.Variable> variables = List.of(
                new AdmissionPolicyObject.Variable("labels", labelsAt(metadata)),
                new AdmissionPolicyObject.Variable("oldLabels",
                        "oldObject == null ? {} : " + labelsAt(oldMetadata)),
                new AdmissionPolicyObject.Variable("identity",
                        "variables.labels.filter(k, k.startsWith('" + WATASU_PREFIX + "'))"),
                new AdmissionPolicyObject.Variable("oldIdentity",
                        "variables.oldLabels.filter(k, k.startsWith('" + WATASU_PREFIX + "'))"),
                new AdmissionPolicyObject.Variable("changed", "request.operation == 'CREATE'"
                        + " ? size(variables.identity) > 0"
                        + " : size(variables.identity) != size(variables.oldIdentity)"
                        + " || variables.identity.exists(k, !(k in variables.oldLabels)"
                        + " || variables.oldLabels[k] != variables.labels[k])"),
                new AdmissionPolicyObject.Variable("trusted", "request.userInfo.username in "
                        + celList(Stream.concat(guardrails.deployers().stream(), WORKLOAD_CONTROLLERS.stream())
                        .distinct().toList())));
        String checked = "!variables.changed || size(variables.identity) == 0 || ";
        List<AdmissionPolicyObject.Validation> validations = List.of(
                new AdmissionPolicyObject.Validation("!variables.changed || variables.trusted",
                        name + ": only the platform's deployers (platform.deployers in watasu.yaml) and Kubernetes'"
                                + " workload controllers may set, change or remove watasu.io/* labels on " + what
                                + " in a team namespace, because NetworkPolicies admit pods by them; deploy"
                                + " through the platform, or leave the watasu.io/* labels out", "Forbidden"),
                new AdmissionPolicyObject.Validation(checked + "'" + Names.TEAM_LABEL + "' in variables.labels"
                        + " && variables.labels['" + Names.TEAM_LABEL + "'] == namespaceObject.metadata.name",
                        name + ": " + Names.TEAM_LABEL + " must name the namespace's own team; deploy the app into"
                                + " its team's namespace", "Invalid"),
                new AdmissionPolicyObject.Validation(checked + "'" + Names.APP_LABEL + "' in variables.labels"
                        + " && '" + Names.PROCESS_LABEL + "' in variables.labels"
                        + " && has(namespaceObject.metadata.labels)"
                        + " && ('" + Names.NAMESPACE_APP_LABEL_PREFIX + "' + variables.labels['" + Names.APP_LABEL
                        + "']) in namespaceObject.metadata.labels",
                        name + ": " + Names.APP_LABEL + " must name an app of the namespace's team in watasu.yaml"
                                + " (the namespace's " + Names.NAMESPACE_APP_LABEL_PREFIX + "<app> labels), with "
                                + Names.PROCESS_LABEL + " set; add the app to the team in watasu.yaml and let"
                                + " Argo CD sync it first", "Invalid"));
        return new AdmissionPolicyObject(name, labels, "only the platform's deployers give " + what + " in team"
                + " namespaces their network identity, and only one of the team's apps", resources, namespaces,
                variables, validations);
    }

    /**
     * Labels at a metadata path, {@code {}} when there are none. An object's own metadata is always there; a
     * template's may be left out.
     */
    private static String labelsAt(String metadata) {
        boolean ownMetadata = metadata.indexOf('.') == metadata.lastIndexOf('.');
        String guard = (ownMetadata ? "" : "has(" + metadata + ") && ") + "has(" + metadata + ".labels)";
        return "(" + guard + " ? " + metadata + ".labels : {})";
    }

    private static AdmissionPolicyObject networkPolicies(List<Label> labels, Selector namespaces,
                                                         Guardrails guardrails) {
        return new AdmissionPolicyObject(NETWORK_POLICIES, labels, "NetworkPolicies in team namespaces come from"
                + " watasu.yaml through Argo CD only",
                List.of(new AdmissionPolicyObject.ResourceRule("networking.k8s.io", List.of("networkpolicies"),
                        List.of("CREATE", "UPDATE", "DELETE"))), namespaces, List.of(),
                List.of(new AdmissionPolicyObject.Validation("request.userInfo.username in "
                        + celList(guardrails.policyWriters()) + " || request.operation == 'DELETE'"
                        + " && request.userInfo.username in " + celList(CLEANUP_CONTROLLERS),
                        NETWORK_POLICIES + ": NetworkPolicies in a team namespace are rendered from watasu.yaml and"
                                + " applied by Argo CD only (platform.guardrails.policyWriters); change watasu.yaml"
                                + " instead (who may call an app: watasu apps:trust)", "Forbidden")));
    }

    /** A CEL list of string literals. */
    static String celList(List<String> values) {
        return values.stream().map(AdmissionGuardrails::celString).collect(Collectors.joining(", ", "[", "]"));
    }

    static String celString(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
