package io.watasu.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.watasu.config.Yaml.acme;
import static io.watasu.config.Yaml.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

class NameRulesTest {
    @Test
    void teamNamesMustBeDns1123Labels() {
        assertRejected("version: 1\nteams:\n  Acme_Corp: {apps: {api: {processes: {web: run}}}}\n",
                "w.yaml:3:3: error: team name 'Acme_Corp' is not valid: it contains 'A': only lower-case letters,"
                        + " digits and '-' are allowed (a team is a namespace, whose name must be a DNS-1123 label)"
                        + " (rename the team, e.g. 'acme-corp')");
    }

    @Test
    void teamNamesMustNotBeSystemNamespaces() {
        assertRejected("version: 1\nteams:\n  kube-system: {apps: {a: {processes: {web: run}}}}\n"
                        + "  kube-extra: {apps: {b: {processes: {web: run}}}}\n"
                        + "  argocd: {apps: {c: {processes: {web: run}}}}\n",
                "w.yaml:3:3: error: team name 'kube-system' is reserved ('kube-*': Kubernetes' own components, DNS"
                        + " and often the CNI among them): a team's default deny there would cut it off (choose"
                        + " another team name)",
                "w.yaml:4:3: error: team name 'kube-extra' is reserved ('kube-*': Kubernetes' own components, DNS"
                        + " and often the CNI among them): a team's default deny there would cut it off (choose"
                        + " another team name)",
                "w.yaml:5:3: error: team name 'argocd' is reserved ('argocd': Argo CD, which applies Watasu's"
                        + " output): a team's default deny there would cut it off (choose another team name)");
    }

    @Test
    void teamNamesMustNotBeThePlatformsNamespaces() {
        assertRejected("version: 1\nplatform: {ingress: {namespace: edge}, dns: {namespace: dns}}\nteams:\n"
                        + "  edge: {apps: {a: {processes: {web: run}}}}\n"
                        + "  dns: {apps: {b: {processes: {web: run}}}}\n",
                "w.yaml:4:3: error: team name 'edge' is reserved: it is the namespace of the platform's"
                        + " ingress controller (choose another team name)",
                "w.yaml:5:3: error: team name 'dns' is reserved: it is the namespace of the platform's DNS"
                        + " (choose another team name)");
    }

    @Test
    void appNamesMustStartWithALetter() {
        assertRejected(acme("1api: {processes: {web: run}}"),
                "w.yaml:5:7: error: app name '1api' is not valid: it must start with a lower-case letter (app names"
                        + " start Service names, which must be DNS-1035 labels) (rename the app, e.g. 'api')");
    }

    @Test
    void processNamesMustBeDns1123Labels() {
        assertRejected(acme("api: {processes: {Web: run, -tcp: run}}"),
                "w.yaml:5:25: error: process name 'Web' of app 'api' is not valid: it contains 'W': only lower-case"
                        + " letters, digits and '-' are allowed (rename the process, e.g. 'web')",
                "w.yaml:5:35: error: process name '-tcp' of app 'api' is not valid: it must start with a lower-case"
                        + " letter or digit (rename the process, e.g. 'tcp')");
    }

    @Test
    void appAndProcessTogetherMustFitAServiceName() {
        String app = "a".repeat(40);
        String process = "b".repeat(20) + "-tcp";
        assertRejected(acme(app + ": {processes: {" + process + ": run}}"),
                "w.yaml:5:62: error: '" + app + "-" + process + "' (app-process name of process '" + process
                        + "' of app '" + app + "') is 65 characters, over the 63 allowed for Service names and labels"
                        + " (shorten the app or process name by 2 characters)");
    }

    @Test
    void twoProcessesOfATeamMayNotShareAServiceName() {
        assertRejected(acme("a: {processes: {b-c-tcp: run}}", "a-b: {processes: {c-tcp: run}}"),
                "w.yaml:6:25: error: process 'c-tcp' of app 'a-b' has the same Service name 'a-b-c-tcp' as process"
                        + " 'b-c-tcp' of app 'a' (line 5) (rename one of the two processes or apps)");
    }

    @Test
    void publicHostnamesAreGlobalAcrossTeams() {
        assertRejected("version: 1\nteams:\n  one: {apps: {a: {processes: {b-web: run}}}}\n"
                        + "  two: {apps: {a-b: {processes: {web: run}}}}\n",
                "w.yaml:4:34: error: public hostname 'a-b.watasuhost.com' of process 'web' of app 'a-b' is already"
                        + " used by process 'b-web' of app 'a' of team 'one' (line 3); hostnames are global"
                        + " (rename one of the two processes or apps)");
    }

    @Test
    void aPublicHostnameMustFitInADomainName() {
        String domain = ("d".repeat(60) + ".").repeat(4) + "ab.com";
        assertRejected("version: 1\nplatform: {domain: " + domain + "}\nteams:\n  t: {apps: {api: {processes: {web: run}}}}\n",
                "w.yaml:4:32: error: public hostname 'api." + domain + "' of process 'web' of app 'api' is 254"
                        + " characters, over the 253 allowed (shorten the app or process name, or platform.domain)");
    }

    @Test
    void appNamesAreGlobalAcrossTeams() {
        assertRejected("version: 1\nteams:\n  one: {apps: {api: {processes: {web: run}}}}\n"
                        + "  two: {apps: {api: {processes: {web: run}}}}\n",
                "w.yaml:4:16: error: app name 'api' is already used in team 'one' (line 3): app names are global"
                        + " because they name public hostnames (rename one of the two apps)");
    }

    @Test
    void processesCollidingOnTheirServiceAreNotReportedAgainForTheirHostname() {
        assertRejected(acme("a: {processes: {b-web: run}}", "a-b: {processes: {web: run}}"),
                "w.yaml:6:25: error: process 'web' of app 'a-b' has the same Service name 'a-b-web' as process"
                        + " 'b-web' of app 'a' (line 5) (rename one of the two processes or apps)");
    }

    @Test
    void aModelBuiltWithoutAFileIsValidatedWithFindingsAtItsStart() {
        io.watasu.model.WatasuConfig config = new io.watasu.model.WatasuConfig(1, io.watasu.model.Platform.defaults(),
                java.util.List.of(new io.watasu.model.Team("acme", java.util.List.of(new io.watasu.model.App("acme",
                        "api", java.util.List.of(new io.watasu.model.Process("web", "run", 5000)),
                        java.util.List.of("ghost"))))));

        java.util.List<Diagnostic> found = ModelValidator.validate(config, SourceMap.empty("terraform"));

        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(
                "terraform:1:1: warning: app 'api' has a trust list but no '*-tcp' process: the trust list has no"
                        + " effect (add a '<name>-tcp' process or remove the trust list)",
                "terraform:1:1: error: app 'api' trusts unknown app 'ghost' (not in team 'acme')"
                        + " (declare the app in team 'acme' or remove the entry)"),
                found.stream().map(Diagnostic::format).toList());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of("teams.acme.apps.api.trust",
                "teams.acme.apps.api.trust[0]"), found.stream().map(Diagnostic::subject).toList());
    }

    @Test
    void namesYamlReadsAsSomethingElseAreRefusedAsKeysAndAsValuesAlike() {
        assertRejected("""
                        version: 1
                        teams:
                          on: {}
                          yes: {}
                          null: {}
                          1: {}
                          acme:
                            apps:
                              api:
                                processes: {true: run, 5000: run, x-tcp: run}
                                trust: [on, 'yes', ~]
                              'off': {processes: {web: run}}
                        platform: {dns: {podLabels: {no: x}}}
                        """,
                "w.yaml:3:3: error: team name 'on' is read by YAML as a boolean (on), not as a name (quote it: 'on')",
                "w.yaml:3:3: warning: team 'on' has no apps (add apps or remove the team)",
                "w.yaml:4:3: error: team name 'yes' is read by YAML as a boolean (yes), not as a name"
                        + " (quote it: 'yes')",
                "w.yaml:4:3: warning: team 'yes' has no apps (add apps or remove the team)",
                "w.yaml:5:3: error: team name 'null' is read by YAML as null (null), not as a name"
                        + " (quote it: 'null')",
                "w.yaml:5:3: warning: team 'null' has no apps (add apps or remove the team)",
                "w.yaml:6:3: error: team name '1' is read by YAML as an integer (1), not as a name (quote it: '1')",
                "w.yaml:6:3: warning: team '1' has no apps (add apps or remove the team)",
                "w.yaml:10:21: error: process name 'true' is read by YAML as a boolean (true), not as a name"
                        + " (quote it: 'true')",
                "w.yaml:10:32: error: process name '5000' is read by YAML as an integer (5000), not as a name"
                        + " (quote it: '5000')",
                "w.yaml:11:17: error: app name 'on' in the trust list of app 'api' is read by YAML as a boolean (on),"
                        + " not as a name (quote it: 'on')",
                "w.yaml:11:21: error: app 'api' trusts unknown app 'yes' (not in team 'acme') (declare the app in team"
                        + " 'acme' or remove the entry)",
                "w.yaml:11:28: error: an entry of 'trust' of app 'api' must be a string, found null (~)",
                "w.yaml:13:30: error: label key 'no' is read by YAML as a boolean (no), not as a name"
                        + " (quote it: 'no')");
    }

    @Test
    void quotedNamesAreNamesWhereverTheyAreWritten() {
        LoadResult result = ConfigLoader.parse("w.yaml", """
                version: 1
                teams:
                  'on':
                    apps:
                      "yes": {processes: {'true': run, x-tcp: run}, trust: ['off']}
                      'off': {processes: {web: run}}
                """);
        assertEquals(List.of(), result.diagnostics());
        assertEquals(List.of("off"), result.config().app("yes").orElseThrow().trust());
    }

    @Test
    void aNameOverTheLengthLimitIsToldToShorten() {
        String team = "a".repeat(70);
        String app = "B".repeat(64);
        assertRejected("version: 1\nteams:\n  " + team + ": {apps: {" + app + ": {processes: {web: run}}}}\n",
                "w.yaml:3:3: error: team name '" + team + "' is not valid: it is 70 characters, over the 63 allowed (a"
                        + " team is a namespace, whose name must be a DNS-1123 label) (shorten the team name by 7"
                        + " characters)",
                "w.yaml:3:83: error: app name '" + app + "' is not valid: it is 64 characters, over the 63 allowed"
                        + " (app names start Service names, which must be DNS-1035 labels) (shorten the app name by 1"
                        + " characters)");
    }

    @Test
    void wellKnownSystemNamespacesAreReservedOutOfTheBox() {
        assertRejected("version: 1\nteams:\n  calico-system: {}\n  openshift-ingress: {}\n  monitoring: {}\n",
                "w.yaml:3:3: warning: team 'calico-system' has no apps (add apps or remove the team)",
                "w.yaml:3:3: error: team name 'calico-system' is reserved ('calico-*': Calico, the pod network): a"
                        + " team's default deny there would cut it off (choose another team name)",
                "w.yaml:4:3: warning: team 'openshift-ingress' has no apps (add apps or remove the team)",
                "w.yaml:4:3: error: team name 'openshift-ingress' is reserved ('openshift-*': OpenShift): a team's"
                        + " default deny there would cut it off (choose another team name)",
                "w.yaml:5:3: warning: team 'monitoring' has no apps (add apps or remove the team)",
                "w.yaml:5:3: error: team name 'monitoring' is reserved ('monitoring': the Prometheus stack): a team's"
                        + " default deny there would cut it off (choose another team name)");
    }

    @Test
    void thePlatformReservesItsOwnNamesAndPrefixes() {
        assertRejected("""
                        version: 1
                        platform:
                          reservedNamespaces: [vault, ops-*, team*]
                        teams:
                          vault: {apps: {a: {processes: {web: run}}}}
                          ops-db: {apps: {b: {processes: {web: run}}}}
                          teams: {apps: {c: {processes: {web: run}}}}
                          opsx: {apps: {d: {processes: {web: run}}}}
                        """,
                "w.yaml:5:3: error: team name 'vault' is reserved by platform.reservedNamespaces ('vault', line 3)"
                        + " (choose another team name)",
                "w.yaml:6:3: error: team name 'ops-db' is reserved by platform.reservedNamespaces ('ops-*', line 3)"
                        + " (choose another team name)",
                "w.yaml:7:3: error: team name 'teams' is reserved by platform.reservedNamespaces ('team*', line 3)"
                        + " (choose another team name)");
    }

    @Test
    void reservedNamespacesMustBeNamesOrPrefixes() {
        assertRejected("version: 1\nplatform:\n  reservedNamespaces: ['*', Ops, 'a*b', -x*, 5]\nteams: {}\n",
                "w.yaml:3:24: error: '*' in platform.reservedNamespaces is not a namespace name or prefix: a lone '*'"
                        + " would reserve every namespace (write a namespace name, or the start of one followed by"
                        + " '*' (e.g. 'infra-*'))",
                "w.yaml:3:29: error: 'Ops' in platform.reservedNamespaces is not a namespace name or prefix: it"
                        + " contains 'O': only lower-case letters, digits and '-' are allowed (write a namespace name,"
                        + " or the start of one followed by '*' (e.g. 'infra-*'))",
                "w.yaml:3:34: error: 'a*b' in platform.reservedNamespaces is not a namespace name or prefix: it"
                        + " contains '*': only lower-case letters, digits and '-' are allowed (write a namespace name,"
                        + " or the start of one followed by '*' (e.g. 'infra-*'))",
                "w.yaml:3:41: error: '-x*' in platform.reservedNamespaces is not a namespace name or prefix: '*' may"
                        + " only end a prefix of a namespace name (lower-case letters, digits and '-', starting with a"
                        + " letter or digit, at most 62 characters) (write a namespace name, or the start of one"
                        + " followed by '*' (e.g. 'infra-*'))",
                "w.yaml:3:46: error: an entry of 'platform.reservedNamespaces' must be a string, found an integer (5)"
                        + " (quote it: '5')");
    }
}
