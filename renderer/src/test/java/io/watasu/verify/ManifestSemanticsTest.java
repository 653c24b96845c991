package io.watasu.verify;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How manifests become endpoints, each rule from the Kubernetes and OpenShift object definitions with hand-derived
 * answers: pods grouped under their controller, static pods apart, OpenShift Routes read like Ingresses, ipBlocks
 * cut by the union of their excepts, every workload in the DOT graph, and kinds that are not evaluated reported.
 */
class ManifestSemanticsTest {
    static String pod(String name, String labels, String owner) {
        return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\n  namespace: ns\n  labels: " + labels
                + (owner == null ? "" : "\n  ownerReferences: [" + owner + "]")
                + "\nspec: {containers: [{ports: [{containerPort: 80}]}]}\n";
    }

    @Test
    void podsAreGroupedUnderTheirControllerEvenWithoutAKind() throws Exception {
        String listed = String.join("---\n",
                pod("web-1", "{app: web}", "{name: web, controller: true}"),
                pod("web-2", "{app: web}", "{name: web, controller: true}"),
                pod("api-7d9-a", "{app: api}", "{kind: ReplicaSet, name: api-7d9, controller: true}"),
                pod("api-7d9-b", "{app: api}", "{kind: ReplicaSet, name: api-7d9, controller: true}"),
                // An owner that is not the controller (a garbage-collection parent) names no workload.
                pod("lone", "{app: lone}", "{kind: ConfigMap, name: cm}"));
        List<String> names = ManifestReader.parse(Map.of("pods.yaml", listed)).workloads().stream()
                .map(Workload::displayName).toList();
        assertEquals(List.of("ns/web[Pod]", "ns/api-7d9[ReplicaSet]", "ns/lone[Pod]"), names);
    }

    @Test
    void staticPodsOwnedByTheirNodeStandForThemselves() throws Exception {
        String listed = String.join("---\n",
                pod("etcd-minikube", "{component: etcd}", "{apiVersion: v1, kind: Node, name: minikube, controller: true}"),
                pod("kube-apiserver-minikube", "{component: kube-apiserver}",
                        "{apiVersion: v1, kind: Node, name: minikube, controller: true}"));
        List<String> names = ManifestReader.parse(Map.of("pods.yaml", listed)).workloads().stream()
                .map(Workload::displayName).toList();
        assertEquals(List.of("ns/etcd-minikube[Pod]", "ns/kube-apiserver-minikube[Pod]"), names);
    }

    @Test
    void podsOfOneOwnerThatASelectorTellsApartCannotBeOneWorkload() throws Exception {
        String pods = String.join("---\n",
                pod("p-1", "{app: a, tier: front}", "{name: owner, controller: true}"),
                pod("p-2", "{app: a, tier: back}", "{name: owner, controller: true}"));
        String byApp = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: by-app, namespace: ns}
                spec: {podSelector: {matchLabels: {app: a}}, ingress: [{from: [{podSelector: {matchExpressions: [{key: tier, operator: Exists}]}}]}]}
                """;
        Map<String, String> fine = new LinkedHashMap<>();
        fine.put("pods.yaml", pods);
        fine.put("policy.yaml", byApp);
        assertEquals(List.of("ns/owner[Pod]"),
                ManifestReader.parse(fine).workloads().stream().map(Workload::displayName).toList(),
                "app=a and 'tier exists' hold for both pods");
        Map<String, String> ambiguous = new LinkedHashMap<>(fine);
        ambiguous.put("policy.yaml", byApp.replace("operator: Exists", "operator: In, values: [front]"));
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestReader.parse(ambiguous));
        assertTrue(e.getMessage().startsWith("pods.yaml:10:1: error: this pod and the pod at pods.yaml:1:1 belong to"
                + " ns/owner[Pod] but have different labels, and NetworkPolicy ns/by-app (policy.yaml:4:"),
                e.getMessage());
    }

    @Test
    void openShiftRoutesLeadTheIngressControllerToTheirServicesTargetPorts() throws Exception {
        String manifests = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: shop, namespace: ns}
                spec: {template: {metadata: {labels: {app: shop}}, spec: {containers: [{ports: [{name: http, containerPort: 8080}, {containerPort: 9090}, {containerPort: 7070}]}]}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: canary, namespace: ns}
                spec: {template: {metadata: {labels: {app: canary}}, spec: {containers: [{ports: [{name: http, containerPort: 8081}]}]}}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shop, namespace: ns}
                spec: {selector: {app: shop}, ports: [{name: web, port: 80, targetPort: http}, {name: metrics, port: 90, targetPort: 9090}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: canary, namespace: ns}
                spec: {selector: {app: canary}, ports: [{name: web, port: 80, targetPort: http}]}
                ---
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata: {name: shop, namespace: ns}
                spec:
                  to: {kind: Service, name: shop, weight: 90}
                  alternateBackends: [{kind: Service, name: canary, weight: 10}]
                  port: {targetPort: web}
                ---
                apiVersion: route.openshift.io/v1
                kind: Route
                metadata: {name: all-ports, namespace: ns}
                spec: {to: {name: shop}}
                """;
        List<String> lines = SemanticsTest.connlist(manifests).lines()
                .filter(l -> l.startsWith("{ingress-controller}")).toList();
        // The Route without a port reaches every target port of the Service; 7070 is behind no Service.
        assertEquals(List.of("{ingress-controller} => ns/canary[Deployment] : TCP 8081",
                "{ingress-controller} => ns/shop[Deployment] : TCP 8080,9090"), lines);
    }

    @Test
    void anIpBlockIsCutByTheUnionOfItsExcepts() throws Exception {
        String manifests = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: app, namespace: ns}
                spec: {template: {metadata: {labels: {app: a}}}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: egress, namespace: ns}
                spec:
                  podSelector: {}
                  egress: [{to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.128.0.0/9, 10.0.0.0/9, 10.1.0.0/16]}}, {ipBlock: {cidr: 192.168.0.0/16, except: [192.168.1.0/24, 192.168.2.0/24]}}]}]
                """;
        // 10.0.0.0/8 less its excepts is empty: it names no address and cuts nothing. In 192.168.0.0/16 the adjacent
        // excepts leave one gap between them, not two. (The policy also isolates ingress: policyTypes defaults to it.)
        assertEquals("""
                ns/app[Deployment] => 192.168.0.0-192.168.0.255[External] : All Connections
                ns/app[Deployment] => 192.168.3.0-192.168.255.255[External] : All Connections
                """, SemanticsTest.connlist(manifests));
    }

    @Test
    void theGraphShowsEveryWorkloadInItsNamespaceCluster() throws Exception {
        String manifests = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: lonely, namespace: quiet-ns}
                spec: {template: {metadata: {labels: {app: lonely}}}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: deny, namespace: quiet-ns}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """;
        ManifestSet set = ManifestReader.parse(Map.of("m.yaml", manifests));
        ConnectivityAnalyzer.Analysis analysis = ConnectivityAnalyzer.analyze(set);
        assertEquals(List.of(), analysis.connections());
        assertEquals("""
                digraph {
                \tsubgraph "cluster_quiet_ns[namespace]" {
                \t\tcolor="black"
                \t\tfontcolor="black"
                \t\t"quiet-ns/lonely[Deployment]" [label="lonely[Deployment]" color="blue" fontcolor="blue"]
                \t\tlabel="quiet-ns[namespace]"
                \t}
                }""", ConnlistFormat.DOT.render(analysis.connections(), analysis.workloads()));
    }

    @Test
    void kindsThatAffectTrafficButAreNotEvaluatedAreReportedWithTheirPosition() throws Exception {
        String manifests = """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: calico-deny, namespace: ns}
                spec: {selector: all(), types: [Ingress]}
                ---
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: l7, namespace: ns}
                spec: {endpointSelector: {}}
                ---
                apiVersion: k8s.cni.cncf.io/v1beta1
                kind: MultiNetworkPolicy
                metadata: {name: macvlan, namespace: ns}
                spec: {podSelector: {}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings, namespace: ns}
                """;
        ManifestSet set = ManifestReader.parse(Map.of("other.yaml", manifests));
        assertEquals(List.of(), set.policies(), "Calico's NetworkPolicy is not Kubernetes' own");
        assertEquals(List.of(
                "other.yaml:1:1: warning: NetworkPolicy ns/calico-deny (projectcalico.org) is not evaluated: Calico"
                        + " enforces it alongside NetworkPolicies; the connections listed do not account for it (check"
                        + " it with the tools of the component that enforces it, or leave it out of the directory)",
                "other.yaml:6:1: warning: CiliumNetworkPolicy ns/l7 (cilium.io) is not evaluated: Cilium enforces"
                        + " it alongside NetworkPolicies; the connections listed do not account for it (check it with"
                        + " the tools of the component that enforces it, or leave it out of the directory)",
                "other.yaml:11:1: warning: MultiNetworkPolicy ns/macvlan (k8s.cni.cncf.io) is not evaluated: it"
                        + " governs secondary networks, which this analysis does not model; the connections listed"
                        + " do not account for it (check it with the tools of the component that enforces it, or"
                        + " leave it out of the directory)"),
                set.warnings().stream().map(d -> d.format()).toList());
    }
}
