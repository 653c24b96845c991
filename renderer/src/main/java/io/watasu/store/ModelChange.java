package io.watasu.store;

import io.watasu.config.Diagnostic;
import io.watasu.edit.CheckedEdits;
import io.watasu.edit.EditRefusedException;
import io.watasu.edit.ProcessSpec;
import io.watasu.edit.WatasuYamlEditor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One change to {@code watasu.yaml}; each becomes one commit. A change is applied to whatever the branch head holds
 * when it lands (again after a lost race), so it is written relative to that head where that matters.
 */
public sealed interface ModelChange {
    /** The app the change is about. */
    String app();

    /**
     * Applies the change to {@code text} with the comment-preserving editor and validates the whole edited model.
     *
     * @return the new text (equal to {@code text} when there is nothing to change) and the commit subject
     * @throws EditRefusedException with {@code file:line:column} diagnostics when the change cannot be made
     */
    Edit applyTo(String fileName, String text);

    /**
     * An accepted change.
     *
     * @param text     the new text
     * @param subject  one line that says what changed
     * @param warnings the loader's warnings about the new text (none when nothing changed)
     */
    record Edit(String text, String subject, List<Diagnostic> warnings) {
        public Edit {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(subject, "subject");
            warnings = List.copyOf(warnings);
        }

        static Edit of(CheckedEdits.Result result, String subject) {
            return new Edit(result.text(), subject, result.warnings());
        }
    }

    /** A change of one app's trust list. */
    sealed interface TrustChange extends ModelChange {
        /** The list after the change, given the list before it. */
        List<String> after(List<String> current);

        @Override
        default Edit applyTo(String fileName, String text) {
            List<String> current = WatasuYamlEditor.readTrust(fileName, text, app());
            List<String> wanted = after(current);
            String subject = summary(app(), current, wanted);
            return wanted.equals(current) ? new Edit(text, subject, List.of())
                    : Edit.of(CheckedEdits.setTrust(fileName, text, app(), wanted), subject);
        }
    }

    /**
     * Replaces the whole trust list of {@code app} by {@code trusted}, which has no order (a Terraform set): entries
     * already in the file keep their place and new ones go to the end, sorted, so the diff of the file shows exactly
     * the entries that changed.
     */
    record SetTrust(String app, Set<String> trusted) implements TrustChange {
        public SetTrust {
            Objects.requireNonNull(app, "app");
            trusted = Collections.unmodifiableSet(new LinkedHashSet<>(trusted));
        }

        @Override
        public List<String> after(List<String> current) {
            return keepingPlaces(current, trusted);
        }
    }

    /** {@code wanted} in the order to write it: names in {@code current} keep their place, new ones follow, sorted. */
    static List<String> keepingPlaces(List<String> current, Set<String> wanted) {
        List<String> ordered = new ArrayList<>(current.stream().filter(wanted::contains).distinct().toList());
        wanted.stream().filter(t -> !ordered.contains(t)).sorted().forEach(ordered::add);
        return ordered;
    }

    /** Takes {@code remove} off the list of {@code app} and adds {@code add} at its end; the rest stays in place. */
    record AmendTrust(String app, List<String> add, List<String> remove) implements TrustChange {
        public AmendTrust {
            Objects.requireNonNull(app, "app");
            add = List.copyOf(add);
            remove = List.copyOf(remove);
        }

        @Override
        public List<String> after(List<String> current) {
            Set<String> result = new LinkedHashSet<>(current);
            remove.forEach(result::remove);
            result.addAll(add);
            return List.copyOf(result);
        }
    }

    /**
     * Creates the app in {@code team} or replaces its processes and the clusters it lists.
     *
     * @param processes process name to (command, port), in the order to write them
     * @param clusters  the clusters the app runs on, which have no order (a Terraform set): names already listed keep
     *                  their place, new ones go to the end, sorted; empty for no {@code clusters} key (the app runs
     *                  on all of its team's clusters)
     */
    record UpsertApp(String team, String app, Map<String, ProcessSpec> processes, Set<String> clusters)
            implements ModelChange {
        public UpsertApp {
            Objects.requireNonNull(team, "team");
            Objects.requireNonNull(app, "app");
            processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
            clusters = Collections.unmodifiableSet(new LinkedHashSet<>(clusters));
        }

        /** An app on all of its team's clusters. */
        public UpsertApp(String team, String app, Map<String, ProcessSpec> processes) {
            this(team, app, processes, Set.of());
        }

        @Override
        public Edit applyTo(String fileName, String text) {
            List<String> ordered = keepingPlaces(WatasuYamlEditor.readClusters(fileName, text, app), clusters);
            return Edit.of(CheckedEdits.upsertApp(fileName, text, team, app, processes, ordered),
                    "Set app " + app + " of team " + team + (ordered.isEmpty() ? ""
                            : " on clusters " + String.join(", ", ordered)));
        }
    }

    /** Removes the app (wherever it is). */
    record RemoveApp(String app) implements ModelChange {
        public RemoveApp {
            Objects.requireNonNull(app, "app");
        }

        @Override
        public Edit applyTo(String fileName, String text) {
            return Edit.of(CheckedEdits.removeApp(fileName, text, app), "Remove app " + app);
        }
    }

    /**
     * What a trust change does, in words: {@code grpc-app trusts api-app, billing-app (added billing-app)}, or
     * {@code grpc-app trusts no other app (removed api-app)}. The commit subject and the command's report alike.
     */
    static String summary(String app, List<String> before, List<String> after) {
        String list = after.isEmpty() ? app + " trusts no other app" : app + " trusts " + String.join(", ", after);
        return list + delta(before, after);
    }

    /** {@code " (added a; removed b)"}, or empty when the lists hold the same apps. */
    static String delta(List<String> before, List<String> after) {
        List<String> parts = new ArrayList<>();
        List<String> added = after.stream().filter(a -> !before.contains(a)).toList();
        List<String> removed = before.stream().filter(b -> !after.contains(b)).toList();
        if (!added.isEmpty()) {
            parts.add("added " + String.join(", ", added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + String.join(", ", removed));
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }
}
