package io.watasu.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.watasu.config.Yaml.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MultipleFindingsTest {
    @Test
    void everyErrorAndWarningOfAFileIsReportedInOneRunInFileOrder() {
        String text = """
                version: 1
                platform:
                  clusterCidrs: [10.0.0.1/8]
                teams:
                  acme:
                    apps:
                      api:
                        processes:
                          web: {command: run, port: 99999}
                          Bad: run
                        trust: [billing, ghost]
                      1billing:
                        processes: {}
                      dup-tcp:
                        processes: {x-tcp: run}
                        trusts: [api]
                  kube-system:
                    apps:
                      api:
                        processes: {web: run}
                """;
        assertRejected(text,
                "w.yaml:3:18: error: '10.0.0.1/8' in platform.clusterCidrs has bits set after the /8 prefix"
                        + " (did you mean '10.0.0.0/8'?)",
                "w.yaml:9:37: error: the port 99999 of process 'web' of app 'api' is out of range"
                        + " (use a port from 1 to 65535)",
                "w.yaml:10:11: error: process name 'Bad' of app 'api' is not valid: it contains 'B': only lower-case"
                        + " letters, digits and '-' are allowed (rename the process, e.g. 'bad')",
                "w.yaml:11:9: warning: app 'api' has a trust list but no '*-tcp' process: the trust list has no"
                        + " effect (add a '<name>-tcp' process or remove the trust list)",
                "w.yaml:11:17: error: app 'api' trusts unknown app 'billing' (not in team 'acme')"
                        + " (did you mean '1billing'?)",
                "w.yaml:11:26: error: app 'api' trusts unknown app 'ghost' (not in team 'acme')"
                        + " (declare the app in team 'acme' or remove the entry)",
                "w.yaml:12:7: warning: app '1billing' has no processes: nothing is rendered for it"
                        + " (add processes, e.g. 'web: <command>')",
                "w.yaml:12:7: error: app name '1billing' is not valid: it must start with a lower-case letter (app"
                        + " names start Service names, which must be DNS-1035 labels) (rename the app, e.g. 'billing')",
                "w.yaml:16:9: error: unknown field 'trusts' in app 'dup-tcp' (did you mean 'trust'?)",
                "w.yaml:17:3: error: team name 'kube-system' is reserved ('kube-*': Kubernetes' own components, DNS"
                        + " and often the CNI among them): a team's default deny there would cut it off (choose"
                        + " another team name)",
                "w.yaml:19:7: error: app name 'api' is already used in team 'acme' (line 7): app names are global"
                        + " because they name public hostnames (rename one of the two apps)");
    }

    @Test
    void theRepositoryExampleLoadsWithoutFindings() throws Exception {
        Path example = Path.of(System.getProperty("watasu.repoRoot"), "examples", "watasu.yaml");
        assertTrue(Files.isRegularFile(example), "missing " + example);

        LoadResult result = ConfigLoader.load(example);

        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of("acme", "globex"), result.config().teams().stream().map(t -> t.name()).toList());
    }
}
