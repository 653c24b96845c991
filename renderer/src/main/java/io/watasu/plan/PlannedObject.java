package io.watasu.plan;

import java.util.List;

/** One Kubernetes (or Argo CD) object to render, with the facts its template needs and why it exists. */
public sealed interface PlannedObject
        permits NamespaceObject, NetworkPolicyObject, ServiceObject, IngressObject, ApplicationSetObject,
        AppProjectObject, FleetApplicationSetObject, FleetAppProjectObject {
    /** The object's {@code kind}, checked against the rendered document. */
    String kind();

    String name();

    /** Sorted labels. */
    List<Label> labels();

    /** One line saying why the object exists; rendered as the {@code watasu.io/reason} annotation. */
    String reason();

    /** File name of the template that renders this object. */
    String template();
}
