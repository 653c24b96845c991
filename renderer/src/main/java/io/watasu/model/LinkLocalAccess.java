package io.watasu.model;

import java.util.List;
import java.util.Objects;

/**
 * Node-local addresses every pod may call on the given TCP ports: the cloud metadata service for workload identity,
 * an identity agent. Link-local addresses are never the internet, so only these are opened.
 *
 * @param cidr  an address range inside 169.254.0.0/16 or fe80::/10, or inside a cluster range (a node-local address
 *              such as EKS's fd00:ec2::23)
 * @param ports TCP ports, at least one
 */
public record LinkLocalAccess(String cidr, List<Integer> ports) {
    public LinkLocalAccess {
        Objects.requireNonNull(cidr, "cidr");
        ports = List.copyOf(ports);
    }
}
