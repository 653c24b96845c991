package io.watasu.plan;

import java.util.List;

/** One output file (relative path, '/'-separated) and the objects it holds, in output order. */
public record PlannedFile(String relativePath, List<PlannedObject> objects) {
    public PlannedFile {
        objects = List.copyOf(objects);
    }
}
