package io.watasu.config;

import org.junit.jupiter.api.Test;

import static io.watasu.config.Yaml.acme;
import static io.watasu.config.Yaml.assertRejected;

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
                "w.yaml:3:3: error: team name 'kube-system' is reserved: it is a Kubernetes or platform system"
                        + " namespace (choose another team name)",
                "w.yaml:4:3: error: team name 'kube-extra' is reserved: it is a Kubernetes or platform system"
                        + " namespace (choose another team name)",
                "w.yaml:5:3: error: team name 'argocd' is reserved: it is a Kubernetes or platform system"
                        + " namespace (choose another team name)");
    }

    @Test
    void teamNamesMustNotBeThePlatformsNamespaces() {
        assertRejected("version: 1\nplatform: {dns: {namespace: dns}}\nteams:\n"
                        + "  ingress-nginx: {apps: {a: {processes: {web: run}}}}\n"
                        + "  dns: {apps: {b: {processes: {web: run}}}}\n",
                "w.yaml:4:3: error: team name 'ingress-nginx' is reserved: it is the namespace of the platform's"
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
}
