package io.watasu.plan;

import java.util.List;

/**
 * A Service with one port ({@code port == targetPort}).
 *
 * @param type                  ClusterIP or LoadBalancer
 * @param externalTrafficPolicy "Local" for public UDP (keeps client addresses), null otherwise
 * @param ipFamilyPolicy        "PreferDualStack" for public UDP on a cluster with IPv6 ranges, null otherwise
 */
public record ServiceObject(String name, String namespace, List<Label> labels, String type, List<Label> selector,
                            String protocol, int port, String externalTrafficPolicy, String ipFamilyPolicy,
                            String reason)
        implements PlannedObject {
    public ServiceObject {
        labels = List.copyOf(labels);
        selector = List.copyOf(selector);
    }

    @Override
    public String kind() {
        return "Service";
    }

    @Override
    public String template() {
        return "service.yaml.hbs";
    }
}
