package io.watasu.review;

import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ManifestDiffTest {
    @Test
    void editDistanceCountsInsertionsAndDeletions() {
        assertEquals(0, ManifestDiff.editDistance(List.of(), List.of()));
        assertEquals(3, ManifestDiff.editDistance(List.of(), List.of("a", "b", "c")));
        assertEquals(2, ManifestDiff.editDistance(List.of("a", "b", "c"), List.of("a", "x", "c")));
        // Repeated lines must not be matched twice: one "-" of three is gone.
        assertEquals(1, ManifestDiff.editDistance(List.of("-", "-", "-"), List.of("-", "-")));
        assertEquals(4, ManifestDiff.editDistance(List.of("a", "b", "c", "d"), List.of("c", "d", "a", "b")));
    }

    @Test
    void filesAddedRemovedAndChangedAreSortedByPath() {
        RenderedTree base = new RenderedTree(List.of(new RenderedFile("b/app.yaml", "kind: A\nport: 1\nend\n"),
                new RenderedFile("a/gone.yaml", "x\ny\n"), new RenderedFile("d/same.yaml", "same\n")));
        RenderedTree head = new RenderedTree(List.of(new RenderedFile("b/app.yaml", "kind: A\nport: 2\nextra\nend\n"),
                new RenderedFile("c/new.yaml", "z\n"), new RenderedFile("d/same.yaml", "same\n")));
        List<FileChange> changes = ManifestDiff.between(base, head);
        assertEquals(List.of(new FileChange("a/gone.yaml", FileChange.Status.REMOVED, 0, 2),
                new FileChange("b/app.yaml", FileChange.Status.CHANGED, 2, 1),
                new FileChange("c/new.yaml", FileChange.Status.ADDED, 1, 0)), changes);
    }
}
