package io.watasu.bridge.provider;

import io.watasu.store.ModelChange;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps whose creation or change this provider process has planned. Terraform plans a resource after every
 * resource it refers to, in one provider process per plan or apply, so a trust list naming {@code watasu_app.api.name}
 * is planned after {@code api-app} and can be checked against it (its team, the clusters it will run on) although the
 * branch does not hold it yet.
 */
final class PlannedApps {
    private final Map<String, ModelChange.UpsertApp> byName = new ConcurrentHashMap<>();

    void add(ModelChange.UpsertApp app) {
        byName.put(app.app(), app);
    }

    Optional<ModelChange.UpsertApp> get(String app) {
        return Optional.ofNullable(byName.get(app));
    }
}
