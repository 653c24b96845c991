package io.watasu.output;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * How a directory differs from a rendered tree (pure). {@code render --check} fails on any difference.
 *
 * @param created    rendered files missing from the directory
 * @param changed    rendered files whose content on disk differs
 * @param removed    files Watasu wrote earlier that the tree no longer has
 * @param unchanged  rendered files already up to date
 * @param foreign    files Watasu did not write in the folders directly under the directory (team folders,
 *                   {@code argocd/}, any other), rendered paths taken by them included: Argo CD's ApplicationSet
 *                   would apply them with the team's objects. Writing refuses to start while there are any, unless
 *                   asked to delete them.
 * @param handEdited changed or removed files whose content is not what Watasu wrote (edited by hand)
 */
public record OutputChanges(List<String> created, List<String> changed, List<String> removed,
                            List<String> unchanged, List<String> foreign, List<String> handEdited) {
    public OutputChanges {
        created = List.copyOf(created);
        changed = List.copyOf(changed);
        removed = List.copyOf(removed);
        unchanged = List.copyOf(unchanged);
        foreign = List.copyOf(foreign);
        handEdited = List.copyOf(handEdited);
    }

    public static OutputChanges between(RenderedTree tree, OutputState state) {
        List<String> created = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        List<String> handEdited = new ArrayList<>();
        Set<String> rendered = new HashSet<>();
        for (RenderedFile file : tree.files()) {
            String path = file.relativePath();
            rendered.add(path);
            if (file.reused() && state.owned().containsKey(path)) {
                unchanged.add(path);
                continue;
            }
            byte[] onDisk = state.existing().get(path);
            if (onDisk == null) {
                created.add(path);
            } else if (!state.owned().containsKey(path)) {
                foreign.add(path);
            } else if (Arrays.equals(onDisk, file.content().getBytes(StandardCharsets.UTF_8))) {
                unchanged.add(path);
            } else {
                changed.add(path);
                if (!state.owned().get(path).hashes().contains(sha256(onDisk))) {
                    handEdited.add(path);
                }
            }
        }
        List<String> removed = new ArrayList<>();
        state.owned().keySet().stream() // in path order (see OutputState)
                .filter(path -> !rendered.contains(path) && state.existing().containsKey(path))
                .forEach(path -> {
                    removed.add(path);
                    if (!state.owned().get(path).hashes().contains(sha256(state.existing().get(path)))) {
                        handEdited.add(path);
                    }
                });
        foreign.addAll(state.strays());
        foreign.sort(null);
        return new OutputChanges(created, changed, removed, unchanged, foreign, handEdited);
    }

    /** True when the directory already holds exactly the tree. */
    public boolean upToDate() {
        return created.isEmpty() && changed.isEmpty() && removed.isEmpty() && foreign.isEmpty();
    }

    /** One line per difference, e.g. {@code changed: acme/api-app.yaml}, in a stable order. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        created.forEach(p -> lines.add("missing: " + p));
        changed.forEach(p -> lines.add("changed: " + p + (handEdited.contains(p) ? " (edited by hand)" : "")));
        removed.forEach(p -> lines.add("stale: " + p + (handEdited.contains(p) ? " (edited by hand)" : "")));
        foreign.forEach(p -> lines.add("not written by watasu: " + p));
        return lines;
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }
}
