package io.watasu.review;

import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Reads one file of the enclosing git repository as it is at a revision, or as it is in the working tree. */
public final class RevisionReader implements AutoCloseable {
    private final Repository repository;
    private final String head;
    private final Path file;
    private final String pathInRepository;

    private RevisionReader(Repository repository, String head, Path file, String pathInRepository) {
        this.repository = repository;
        this.head = head;
        this.file = file;
        this.pathInRepository = pathInRepository;
    }

    /** Finds the repository enclosing {@code file} (which need not exist in the working tree). */
    public static RevisionReader open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        Path directory = realDirectory(absolute.getParent());
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(directory.toFile());
        if (builder.getGitDir() == null) {
            throw new ReviewException(directory + " is not inside a git repository (run diff from a checkout)");
        }
        Path gitDir = builder.getGitDir().toPath();
        Path commonDir = gitDir.resolve("commondir");
        Repository repository;
        String head = Constants.HEAD;
        if (Files.isRegularFile(commonDir)) {
            // A linked worktree (git worktree add). JGit 6.10 does not follow "commondir": read objects and refs from
            // the main repository and take HEAD from the worktree's own HEAD file.
            Path common = gitDir.resolve(Files.readString(commonDir).strip()).normalize();
            Path workTree = Path.of(Files.readString(gitDir.resolve("gitdir")).strip()).getParent();
            repository = new FileRepositoryBuilder().setGitDir(common.toFile()).setWorkTree(workTree.toFile()).build();
            String headFile = Files.readString(gitDir.resolve(Constants.HEAD)).strip();
            head = headFile.startsWith("ref: ") ? headFile.substring("ref: ".length()) : headFile;
        } else {
            repository = builder.build();
        }
        if (repository.isBare()) {
            repository.close();
            throw new ReviewException(gitDir + " is a bare repository; diff needs a checkout");
        }
        Path workTree = repository.getWorkTree().toPath().toRealPath();
        Path located = directory.resolve(absolute.getFileName());
        if (!located.startsWith(workTree)) {
            repository.close();
            throw new ReviewException(file + " is outside the repository at " + workTree);
        }
        String relative = workTree.relativize(located).toString().replace('\\', '/');
        return new RevisionReader(repository, head, located, relative);
    }

    /** The nearest existing directory, with symbolic links resolved, so that it compares with the work tree. */
    private static Path realDirectory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new ReviewException("directory " + directory + " does not exist");
        }
        return directory.toRealPath();
    }

    /** The file's path inside the repository, with {@code /} separators. */
    public String pathInRepository() {
        return pathInRepository;
    }

    /** The file's text at {@code revision}; empty when the revision has no such file. */
    public Optional<String> readAt(String revision) throws IOException {
        ObjectId commitId;
        try {
            commitId = repository.resolve(withHead(revision) + "^{commit}");
        } catch (RevisionSyntaxException e) {
            commitId = null;
        }
        if (commitId == null) {
            throw new ReviewException("unknown revision '" + revision
                    + "' (fetch it first, e.g. actions/checkout with fetch-depth: 0)");
        }
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            try (TreeWalk tree = TreeWalk.forPath(repository, pathInRepository, commit.getTree())) {
                if (tree == null) {
                    return Optional.empty();
                }
                byte[] bytes = repository.open(tree.getObjectId(0)).getBytes();
                return Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    /** {@code HEAD}, {@code HEAD~1}, {@code HEAD^2}... against this checkout's HEAD (a linked worktree has its own). */
    private String withHead(String revision) {
        if (revision.equals(Constants.HEAD) || revision.startsWith(Constants.HEAD + "~")
                || revision.startsWith(Constants.HEAD + "^")) {
            return head + revision.substring(Constants.HEAD.length());
        }
        return revision;
    }

    /** The file's text in the working tree; empty when it is not there (deleted by the change under review). */
    public Optional<String> readWorkingTree() throws IOException {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    }

    @Override
    public void close() {
        repository.close();
    }
}
