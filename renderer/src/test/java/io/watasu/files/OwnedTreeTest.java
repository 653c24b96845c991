package io.watasu.files;

import io.watasu.testing.Sentinel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OwnedTreeTest {
    @TempDir
    Path dir;

    /** Every operation on a path below a link, or on the link itself where a file or folder is expected, refuses. */
    @Test
    void noOperationGoesThroughALink() throws IOException {
        Sentinel sentinel = Sentinel.plant(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createSymbolicLink(root.resolve("team"), sentinel.folder().resolve("acme"));
        Files.createSymbolicLink(root.resolve("file.yaml"), sentinel.file());
        OwnedTree tree = OwnedTree.at(root, "repo");
        Map<String, Executable> operations = Map.of(
                "read below", () -> tree.readIfExists("team/_team.yaml"),
                "read the link", () -> tree.readIfExists("file.yaml"),
                "write below", () -> tree.write("team/_team.yaml", new byte[] {1}),
                "write the link", () -> tree.write("file.yaml", new byte[] {1}),
                "create below", () -> tree.createFolders("team/new"),
                "list the link", () -> tree.list("team"),
                "delete below", () -> tree.delete("team/_team.yaml"),
                "delete a tree below", () -> tree.deleteTree("team/x"),
                "subtree", () -> tree.subtree("team/sub"),
                "rename into", () -> tree.rename("file.yaml", "team/y"));
        operations.forEach((name, operation) -> {
            SymbolicLinkException e = assertThrows(SymbolicLinkException.class, operation, name);
            assertTrue(e.path().equals("repo/team") || e.path().equals("repo/file.yaml"), e.path());
        });
        sentinel.assertUntouched();
    }

    @Test
    void deletingALinkDeletesTheLinkNotWhatItPointsTo() throws IOException {
        Sentinel sentinel = Sentinel.plant(dir.resolve("outside"));
        Path root = Files.createDirectories(dir.resolve("root/acme"));
        Files.createSymbolicLink(root.resolve("x.yaml"), sentinel.file());
        Files.createSymbolicLink(root.resolve("sub"), sentinel.folder());
        OwnedTree tree = OwnedTree.at(root.getParent());
        assertEquals(OwnedTree.Kind.LINK, tree.kind("acme/sub"));
        assertTrue(tree.delete("acme/x.yaml"));
        tree.deleteTree("acme/sub");
        assertEquals(List.of(), tree.list("acme"));
        sentinel.assertUntouched();
    }

    @Test
    void missingFoldersReadAsMissingAndAreCreatedAsRealFolders() throws IOException {
        OwnedTree tree = OwnedTree.at(dir.resolve("new"));
        assertFalse(tree.isFolder("a/b"));
        assertNull(tree.readIfExists("a/b/c.yaml"));
        tree.createFolders("a/b");
        tree.write("a/b/c.yaml", "x".getBytes());
        assertEquals("x", new String(tree.readIfExists("a/b/c.yaml")));
        assertEquals(OwnedTree.Kind.FOLDER, tree.kind("a/b"));
    }
}
