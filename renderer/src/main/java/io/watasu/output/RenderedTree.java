package io.watasu.output;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A whole rendered output: files in a stable order, no two with the same path. */
public record RenderedTree(List<RenderedFile> files) {
    public RenderedTree {
        files = List.copyOf(files);
        Set<String> seen = new HashSet<>();
        for (RenderedFile file : files) {
            if (!seen.add(file.relativePath())) {
                throw new IllegalArgumentException("two rendered files share the path " + file.relativePath());
            }
        }
    }

    public Optional<RenderedFile> file(String relativePath) {
        return files.stream().filter(f -> f.relativePath().equals(relativePath)).findFirst();
    }
}
