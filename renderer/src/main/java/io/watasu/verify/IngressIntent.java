package io.watasu.verify;

import io.watasu.model.App;
import io.watasu.model.Process;
import io.watasu.model.ProcessKind;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds the Ingress objects (and OpenShift Routes) to the model. Policies cannot tell where the ingress controller
 * sends a public host: an Ingress naming another host, or routing a public host to a private {@code *-tcp} Service,
 * passes every policy check while exposing what the model keeps private. So every Ingress in a team namespace must
 * route exactly the public host of one web process to that process's Service on its port, that Service must select
 * the process's pods on that port. (A missing Ingress is not reported: the check reads policies without Ingresses
 * too, and a host without one is unreachable, never exposed.)
 */
final class IngressIntent {
    private IngressIntent() {
    }

    /** A web process the model makes public, with its host and Service. */
    private record WebProcess(App app, Process process, String host, String service) {
        String name() {
            return app.team() + "/" + app.name() + ":" + process.name();
        }
    }

    static List<Violation> violations(WatasuConfig config, ManifestSet rendered) {
        Map<String, WebProcess> byService = new HashMap<>(); // keyed by namespace/service
        for (Team team : config.teams()) {
            for (App app : team.apps()) {
                for (Process process : app.processes()) {
                    if (process.kind() == ProcessKind.WEB) {
                        String service = Names.serviceName(app.name(), process.name());
                        byService.put(team.name() + "/" + service, new WebProcess(app, process,
                                Names.publicHostname(app.name(), process.name(), config.platform().domain()),
                                service));
                    }
                }
            }
        }
        Map<String, Service> services = new HashMap<>();
        rendered.services().forEach(s -> services.put(s.namespace() + "/" + s.name(), s));
        List<Violation> violations = new ArrayList<>();
        for (Ingress ingress : rendered.ingresses()) {
            String object = ingress.kind() + " " + ingress.namespace() + "/" + ingress.name();
            if (config.team(ingress.namespace()).isEmpty()) {
                continue; // the check covers the teams' namespaces; other namespaces are not the model's
            }
            WebProcess target = null;
            for (Ingress.Backend backend : ingress.backends()) {
                WebProcess web = byService.get(ingress.namespace() + "/" + backend.service());
                String port = web == null ? null : String.valueOf(web.process().port());
                if (web == null || !port.equals(backend.port()) || (target != null && target != web)) {
                    violations.add(new Violation(object, ingress.namespace() + "/" + backend.service(),
                            backendPorts(backend), true, "an Ingress routes a public host to the Service of one web"
                            + " process, on its port: " + expected(byService, ingress.namespace()), List.of()));
                } else {
                    target = web;
                }
            }
            if (target == null) {
                continue;
            }
            for (String host : ingress.hosts()) {
                if (!host.equals(target.host())) {
                    violations.add(new Violation(object, host.isEmpty() ? "every host" : "host " + host,
                            ConnectionSet.of(Protocol.TCP, target.process().port()), true,
                            "the Service " + target.service() + " of " + target.name() + " is public at "
                                    + target.host() + " only", List.of()));
                }
            }
            String problem = serviceProblem(services.get(ingress.namespace() + "/" + target.service()), target);
            if (problem != null) {
                violations.add(new Violation(object, ingress.namespace() + "/" + target.service(),
                        ConnectionSet.of(Protocol.TCP, target.process().port()), false, problem, List.of()));
            }
        }
        return violations;
    }

    /** Why the Service an Ingress names does not lead to the web process's pods on its port, or null. */
    private static String serviceProblem(Service service, WebProcess web) {
        String want = "the Service " + web.service() + " must select the pods of " + web.name() + " on port "
                + web.process().port() + "/TCP";
        if (service == null) {
            return want + ", and there is none";
        }
        Map<String, String> labels = Map.of(Names.TEAM_LABEL, web.app().team(), Names.APP_LABEL, web.app().name(),
                Names.PROCESS_LABEL, web.process().name());
        boolean selectsTheProcess = service.selector().containsKey(Names.APP_LABEL)
                && service.selector().containsKey(Names.PROCESS_LABEL)
                && service.selector().entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
        String port = String.valueOf(web.process().port());
        boolean onItsPort = service.ports().stream().anyMatch(p -> p.port() == web.process().port()
                && p.protocol() == Protocol.TCP && (p.targetPort() == null || p.targetPort().equals(port)));
        return selectsTheProcess && onItsPort ? null : want;
    }

    private static ConnectionSet backendPorts(Ingress.Backend backend) {
        try {
            return ConnectionSet.of(Protocol.TCP, Integer.parseInt(backend.port()));
        } catch (NumberFormatException e) {
            return ConnectionSet.of(Protocol.TCP, PortSet.ALL);
        }
    }

    private static String expected(Map<String, WebProcess> byService, String namespace) {
        List<String> services = byService.entrySet().stream().filter(e -> e.getKey().startsWith(namespace + "/"))
                .map(e -> e.getValue().service() + ":" + e.getValue().process().port()).sorted().toList();
        return services.isEmpty() ? "team " + namespace + " has no web process" : String.join(", ", services);
    }
}
