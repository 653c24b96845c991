package io.watasu.verify;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** NetworkPolicy rules the reference cases do not exercise, on hand-written manifests with hand-derived answers. */
class SemanticsTest {
    static String connlist(String... files) throws ManifestException {
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < files.length; i++) {
            byName.put("f" + i + (files[i].startsWith("{") ? ".json" : ".yaml"), files[i]);
        }
        ConnectivityAnalyzer.Analysis analysis = ConnectivityAnalyzer.analyze(ManifestReader.parse(byName));
        return ConnlistFormat.CONNLIST.render(analysis.connections(), analysis.workloads());
    }

    @Test
    void expressionsNamedPortsRangesAndSctp() throws Exception {
        String namespaces = """
                apiVersion: v1
                kind: List
                items:
                - {apiVersion: v1, kind: Namespace, metadata: {name: prod, labels: {env: prod}}}
                - {apiVersion: v1, kind: Namespace, metadata: {name: dev, labels: {env: dev}}}
                """;
        String workloads = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: api, namespace: prod}
                spec:
                  template:
                    metadata: {labels: {app: api, tier: back}}
                    spec:
                      containers:
                      - ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9100, protocol: UDP}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: web, namespace: prod}
                spec:
                  template:
                    metadata: {labels: {app: web}}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: tool, namespace: dev}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: tool}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: ignored, namespace: dev}
                """;
        String bare = """
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "bare", "namespace": "dev"}}
                """;
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: api-in, namespace: prod}
                spec:
                  podSelector: {matchLabels: {app: api}}
                  ingress:
                  - from:
                    - namespaceSelector: {matchExpressions: [{key: env, operator: NotIn, values: [prod]}]}
                      podSelector: {matchExpressions: [{key: app, operator: Exists}]}
                    ports: [{port: 9000, endPort: 9010}, {port: http}, {port: metrics}]
                  - from:
                    - podSelector: {matchExpressions: [{key: tier, operator: DoesNotExist}]}
                    ports: [{protocol: SCTP, port: 7}]
                """;
        assertEquals("""
                0.0.0.0-255.255.255.255[External] => dev/bare[Pod] : All Connections
                0.0.0.0-255.255.255.255[External] => dev/tool[CronJob] : All Connections
                0.0.0.0-255.255.255.255[External] => prod/web[StatefulSet] : All Connections
                dev/bare[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections
                dev/bare[Pod] => dev/tool[CronJob] : All Connections
                dev/bare[Pod] => prod/web[StatefulSet] : All Connections
                dev/tool[CronJob] => 0.0.0.0-255.255.255.255[External] : All Connections
                dev/tool[CronJob] => dev/bare[Pod] : All Connections
                dev/tool[CronJob] => prod/api[Deployment] : TCP 8080,9000-9010
                dev/tool[CronJob] => prod/web[StatefulSet] : All Connections
                prod/api[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                prod/api[Deployment] => dev/bare[Pod] : All Connections
                prod/api[Deployment] => dev/tool[CronJob] : All Connections
                prod/api[Deployment] => prod/web[StatefulSet] : All Connections
                prod/web[StatefulSet] => 0.0.0.0-255.255.255.255[External] : All Connections
                prod/web[StatefulSet] => dev/bare[Pod] : All Connections
                prod/web[StatefulSet] => dev/tool[CronJob] : All Connections
                prod/web[StatefulSet] => prod/api[Deployment] : SCTP 7
                """, connlist(namespaces, workloads, bare, policy));
    }

    @Test
    void egressRulesImplyEgressTypeAndIpBlocksSplitTheDestinations() throws Exception {
        String workloads = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x, namespace: a}
                spec: {template: {metadata: {labels: {role: x}}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: y, namespace: a}
                spec: {template: {metadata: {labels: {role: y}}}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: z, namespace: b}
                spec: {template: {metadata: {labels: {role: x}}}}
                """;
        String policy = """
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: x-out, namespace: a}
                spec:
                  podSelector: {matchLabels: {role: x}}
                  egress:
                  - to:
                    - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
                    ports: [{protocol: UDP, port: 53}]
                  - to:
                    - namespaceSelector: {}
                      podSelector: {matchLabels: {role: x}}
                  - to:
                    - podSelector: {matchLabels: {role: y}}
                    ports: [{port: 80}]
                """;
        String yToExternal = "";
        for (String range : new String[]{"0.0.0.0-9.255.255.255", "10.0.0.0-10.0.255.255", "10.1.0.0-10.1.255.255",
                "10.2.0.0-10.255.255.255", "11.0.0.0-255.255.255.255"}) {
            yToExternal += "%1$s[Deployment] => " + range + "[External] : All Connections\n";
        }
        assertEquals("""
                0.0.0.0-255.255.255.255[External] => a/y[Deployment] : All Connections
                0.0.0.0-255.255.255.255[External] => b/z[Deployment] : All Connections
                a/x[Deployment] => 10.0.0.0-10.0.255.255[External] : UDP 53
                a/x[Deployment] => 10.2.0.0-10.255.255.255[External] : UDP 53
                a/x[Deployment] => a/y[Deployment] : TCP 80
                a/x[Deployment] => b/z[Deployment] : All Connections
                """ + yToExternal.formatted("a/y") + """
                a/y[Deployment] => b/z[Deployment] : All Connections
                """ + yToExternal.formatted("b/z") + """
                b/z[Deployment] => a/y[Deployment] : All Connections
                """, connlist(workloads, policy));
    }

    @Test
    void theIngressControllerCountsOnlyWhereAnyPodMayConnect() throws Exception {
        String app = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: shop, namespace: shop}
                spec:
                  template:
                    metadata: {labels: {app: shop}}
                    spec: {containers: [{ports: [{containerPort: 8080}, {containerPort: 8443}]}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: shop-svc, namespace: shop}
                spec:
                  selector: {app: shop}
                  ports: [{port: 80, targetPort: 8080}, {name: tls, port: 443, targetPort: 8443}]
                ---
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop, namespace: shop}
                spec:
                  rules:
                  - http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: shop-svc, port: {name: tls}}}}
                      - {path: /plain, pathType: Prefix, backend: {service: {name: shop-svc, port: {number: 80}}}}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: shop-in, namespace: shop}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                  ingress:
                  - from: [{namespaceSelector: {}}]
                    ports: [{port: 8443}]
                  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]
                    ports: [{port: 8080}]
                """;
        assertEquals("""
                shop/shop[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections
                {ingress-controller} => shop/shop[Deployment] : TCP 8443
                """, connlist(app));
    }

    @Test
    void malformedPoliciesAreErrorsWithTheirPosition() {
        ManifestException e = assertThrows(ManifestException.class, () -> connlist("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: a}
                spec:
                  podSelector: {}
                  ingress:
                  - from:
                    - ipBlock: {cidr: 10.0.0.0/33}
                """));
        assertEquals("f0.yaml:8:23: error: '10.0.0.0/33' has a prefix length outside 0-32 (correct the object or move"
                + " its file out of the directory)", e.getMessage());
        ManifestException protocol = assertThrows(ManifestException.class, () -> connlist("""
                kind: Service
                metadata: {name: s}
                spec:
                  ports: [{port: 80, protocol: ICMP}]
                """));
        assertEquals("f0.yaml:4:32: error: unknown protocol 'ICMP' (expected TCP, UDP or SCTP) (correct the object or"
                + " move its file out of the directory)", protocol.getMessage());
    }
}
