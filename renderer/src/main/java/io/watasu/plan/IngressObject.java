package io.watasu.plan;

import java.util.List;

/** An Ingress routing every path of one public host to one Service port. */
public record IngressObject(String name, String namespace, List<Label> labels, String className, String host,
                            String serviceName, int servicePort, String reason) implements PlannedObject {
    public IngressObject {
        labels = List.copyOf(labels);
    }

    @Override
    public String kind() {
        return "Ingress";
    }

    @Override
    public String template() {
        return "ingress.yaml.hbs";
    }
}
