package io.watasu.publish;

import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the published watasu.yaml came from: the Git checkout containing it, for the commit trailers that let a
 * reader of the GitOps repository find the source change.
 *
 * @param repoUrl the checkout's {@code origin} URL without credentials, or empty when it has no origin
 * @param commit  HEAD, suffixed with {@code -dirty} when the file differs from its committed version
 */
public record SourceCheckout(Optional<String> repoUrl, String commit) {
    /** The checkout containing {@code file}, or empty when there is none (or it has no commit yet). */
    public static Optional<SourceCheckout> containing(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment()
                .findGitDir(absolute.getParent().toFile());
        if (builder.getGitDir() == null) {
            return Optional.empty();
        }
        try (Repository repo = builder.build()) {
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null || repo.isBare()) {
                return Optional.empty();
            }
            String origin = repo.getConfig().getString("remote", "origin", "url");
            Optional<String> url = Optional.ofNullable(origin).map(u -> RemoteUrl.parse(u).toString());
            String relative = repo.getWorkTree().toPath().toAbsolutePath().normalize().relativize(absolute)
                    .toString().replace('\\', '/');
            boolean dirty = !matchesCommitted(repo, head, relative, absolute);
            return Optional.of(new SourceCheckout(url, head.name() + (dirty ? "-dirty" : "")));
        } catch (IOException | IllegalArgumentException e) {
            // Provenance is informative; an unreadable checkout only means the trailers are left out.
            return Optional.empty();
        }
    }

    private static boolean matchesCommitted(Repository repo, ObjectId head, String path, Path file)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo);
             TreeWalk tree = TreeWalk.forPath(repo, path, walk.parseCommit(head).getTree())) {
            return tree != null
                    && Arrays.equals(repo.open(tree.getObjectId(0)).getBytes(), Files.readAllBytes(file));
        }
    }
}
