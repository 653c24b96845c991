package io.watasu.render;

import io.watasu.output.RenderedTree;
import io.watasu.testing.Examples;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeterminismTest {
    private static final String REORDERED = """
            teams:
              globex:
                apps:
                  meet-app:
                    processes:
                      cache-tcp: { port: 6379, command: redis-server }
                      media-rtc: { port: 40000, command: ./sfu }
                      web: ./meet
              acme:
                apps:
                  report-app:
                    processes:
                      worker: bin/report
                  billing-app:
                    processes:
                      worker: bin/billing
                  api-app:
                    processes:
                      worker: node worker.js
                      admin-web: { port: 8080, command: node admin.js }
                      web: node server.js
                  grpc-app:
                    trust: [billing-app, api-app]
                    processes:
                      grpc-tcp: { port: 50051, command: bundle exec grpc_server }
                      web: bundle exec puma
            platform:
              dns:       { podLabels: { k8s-app: kube-dns }, namespace: kube-system }
              ingress:   { className: nginx, podLabels: { app.kubernetes.io/name: ingress-nginx }, namespace: ingress-nginx }
              clusterCidrs: [169.254.0.0/16, 100.64.0.0/10, 192.168.0.0/16, 172.16.0.0/12, 10.0.0.0/8]
              domain: watasuhost.com
            version: 1
            """;

    @Test
    void twoRunsGiveTheSameBytes() {
        RenderOptions options = RenderOptions.defaults().withArgoCd(GoldenOutputTest.ARGO_CD);
        RenderedTree first = Renderer.render(Examples.load(Examples.exampleFile()), options);
        RenderedTree second = Renderer.render(Examples.load(Examples.exampleFile()), options);
        assertEquals(first, second);
    }

    @Test
    void reorderedInputGivesTheSameBytes() {
        RenderOptions options = RenderOptions.defaults().withArgoCd(GoldenOutputTest.ARGO_CD);
        // Fingerprints may differ (they follow the model as written); the bytes may not.
        assertEquals(pathsAndContents(Renderer.render(Examples.load(Examples.exampleFile()), options)),
                pathsAndContents(Renderer.render(Examples.parse(REORDERED), options)));
    }

    private static List<String> pathsAndContents(RenderedTree tree) {
        return tree.files().stream().map(file -> file.relativePath() + "\n" + file.content()).toList();
    }
}
