package io.watasu.bridge.provider;

import io.watasu.bridge.proto.tfplugin6.AttributePath;
import io.watasu.bridge.proto.tfplugin6.Diagnostic;
import io.watasu.bridge.wire.SchemaBlock;
import io.watasu.store.ModelRepository;

import java.util.List;
import java.util.Map;

/**
 * One resource type. Values are decoded objects (attribute name to value); {@code null} objects mean "does not exist"
 * (create when prior, delete when planned). Problems are thrown as {@link ProviderError}.
 */
interface ManagedResource {
    String typeName();

    SchemaBlock schema();

    /** Checks what can be checked without the repository; config values may be unknown. */
    List<Diagnostic> validate(Map<String, Object> config);

    /** The object as the repository has it now, or null when it is gone. */
    Map<String, Object> read(ModelRepository repository, Map<String, Object> current);

    /**
     * Plans a change; checks it against the repository when the values are known.
     *
     * @param repository null for a delete, which is planned without the repository
     * @param planned    apps this process planned to create so far: a creation is added, a trust check reads it
     */
    Plan plan(ModelRepository repository, PlannedApps planned, Map<String, Object> prior, Map<String, Object> proposed,
              byte[] priorPrivate);

    /** Makes the planned object real (or deletes when planned is null) and returns the new state. */
    Map<String, Object> apply(ModelRepository repository, Map<String, Object> prior, Map<String, Object> planned);

    /** The state for an import id, before Terraform reads it back with {@link #read}. */
    Map<String, Object> importState(ModelRepository repository, String id);

    /**
     * A planned change.
     *
     * @param planned         the planned object (null: delete)
     * @param requiresReplace attributes whose change forces a replacement
     * @param plannedPrivate  opaque data carried to apply
     */
    record Plan(Map<String, Object> planned, List<AttributePath> requiresReplace, byte[] plannedPrivate) {
    }
}
