package io.watasu.publish;

import io.watasu.files.OwnedTree;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cached clone a transaction works in: a non-bare repository whose HEAD is linked to the publish branch and
 * whose only remote is the publish target (stored without credentials). Every Git operation of the transaction
 * lives here; the retry policy lives in {@link GitTransaction}.
 */
final class CacheCheckout implements AutoCloseable {
    private static final String REMOTE = "origin";

    private final Path directory;
    private final RemoteUrl remote;
    private final String branchRef;
    private final String trackingRef;
    private final TransportSettings transport;
    private final boolean fresh;
    private Git git;

    private CacheCheckout(Path directory, RemoteUrl remote, String branch, TransportSettings transport, Git git,
                          boolean fresh) {
        this.directory = directory;
        this.remote = remote;
        this.branchRef = Constants.R_HEADS + branch;
        this.trackingRef = Constants.R_REMOTES + REMOTE + "/" + branch;
        this.transport = transport;
        this.git = git;
        this.fresh = fresh;
    }

    /**
     * Opens the cache, or creates it when it is missing, belongs to another remote or branch, or is unreadable.
     * The first fetch then plays the part of the clone.
     */
    static CacheCheckout open(Path directory, RemoteUrl remote, String branch, TransportSettings transport)
            throws IOException, GitAPIException {
        Optional<Git> existing = openIfUsable(directory, remote, branch);
        if (existing.isPresent()) {
            return new CacheCheckout(directory, remote, branch, transport, existing.get(), false);
        }
        return new CacheCheckout(directory, remote, branch, transport, create(directory, remote, branch), true);
    }

    private static Optional<Git> openIfUsable(Path directory, RemoteUrl remote, String branch) {
        if (!Files.isDirectory(directory.resolve(Constants.DOT_GIT))) {
            return Optional.empty();
        }
        Git git = null;
        try {
            git = Git.open(directory.toFile());
            Repository repo = git.getRepository();
            String url = repo.getConfig().getString(ConfigConstants.CONFIG_REMOTE_SECTION, REMOTE,
                    ConfigConstants.CONFIG_KEY_URL);
            Ref head = repo.exactRef(Constants.HEAD);
            boolean sameTarget = remote.toString().equals(url) && head != null && head.isSymbolic()
                    && head.getTarget().getName().equals(Constants.R_HEADS + branch);
            if (sameTarget && (head.getObjectId() == null || isReadable(repo, head.getObjectId()))) {
                withoutAutomaticGc(repo.getConfig());
                return Optional.of(git);
            }
        } catch (IOException | RuntimeException e) {
            // unreadable: fall through and rebuild the cache
        }
        if (git != null) {
            git.close();
        }
        return Optional.empty();
    }

    /** The head commit and its root tree parse: catches truncated or deleted object files early. */
    private static boolean isReadable(Repository repo, ObjectId commit) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.parseTree(walk.parseCommit(commit).getTree());
            return true;
        }
    }

    private static Git create(Path directory, RemoteUrl remote, String branch) throws IOException, GitAPIException {
        deleteRecursively(directory);
        Files.createDirectories(directory);
        Git git = Git.init().setDirectory(directory.toFile()).setInitialBranch(branch).call();
        StoredConfig config = git.getRepository().getConfig();
        config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, REMOTE, ConfigConstants.CONFIG_KEY_URL,
                remote.toString());
        config.setString(ConfigConstants.CONFIG_REMOTE_SECTION, REMOTE, "fetch",
                "+" + Constants.R_HEADS + branch + ":" + Constants.R_REMOTES + REMOTE + "/" + branch);
        // Files go to the remote byte for byte as the edit wrote them, and all of them (the repository's own
        // .gitignore still applies), whatever the user's global Git config says.
        config.setBoolean(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOCRLF, false);
        config.setString(ConfigConstants.CONFIG_CORE_SECTION, null, ConfigConstants.CONFIG_KEY_EXCLUDESFILE,
                git.getRepository().getDirectory().toPath().resolve("no-global-excludes").toString());
        config.save();
        withoutAutomaticGc(config);
        return git;
    }

    /**
     * JGit starts an automatic gc in a background thread once loose objects or packs pile up (a first publish
     * alone leaves about ten thousand). A publish process exits right after pushing, killing that gc half-way:
     * the CPU is spent for nothing and temporary packs are left behind on every run. The cache stays correct
     * with loose objects; it is only a cache.
     */
    private static void withoutAutomaticGc(StoredConfig config) throws IOException {
        if (config.getInt(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTO, -1) == 0
                && config.getInt(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, -1) == 0) {
            return;
        }
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTO, 0);
        config.setInt(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTOPACKLIMIT, 0);
        config.save();
    }

    /** True when this run created the cache (so a failure cannot be blamed on a damaged cache). */
    boolean isFresh() {
        return fresh;
    }

    Path worktree() {
        return directory;
    }

    /**
     * Fetches the publish branch.
     *
     * @return the remote branch head, or empty when the remote repository is empty (the first push creates it)
     * @throws BranchMissingException when the remote has other branches but not this one
     */
    Optional<ObjectId> fetch() throws GitAPIException, BranchMissingException {
        try {
            Ref head = transport.apply(git.fetch())
                    .setRemote(REMOTE)
                    .setRefSpecs(new RefSpec("+" + branchRef + ":" + trackingRef))
                    .setTagOpt(TagOpt.NO_TAGS)
                    .call()
                    .getAdvertisedRef(branchRef);
            return Optional.of(head.getObjectId());
        } catch (TransportException e) {
            // A silent server would keep ls-remote waiting as long again: its time-out is the answer.
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (GitFailures.isTimeout(t)) {
                    throw e;
                }
            }
            // Either the branch is missing or the remote failed; ls-remote tells which (and rethrows the latter).
            Map<String, Ref> refs = lsRemote();
            if (refs.containsKey(branchRef)) {
                throw e;
            }
            if (refs.isEmpty()) {
                return Optional.empty();
            }
            List<String> branches = refs.keySet().stream()
                    .filter(name -> name.startsWith(Constants.R_HEADS))
                    .map(name -> name.substring(Constants.R_HEADS.length()))
                    .sorted()
                    .toList();
            throw new BranchMissingException(branchRef.substring(Constants.R_HEADS.length()), branches);
        }
    }

    /** The remote branch head right now, without fetching objects. */
    Optional<ObjectId> remoteHead() throws GitAPIException {
        return Optional.ofNullable(lsRemote().get(branchRef)).map(Ref::getObjectId);
    }

    private Map<String, Ref> lsRemote() throws GitAPIException {
        return transport.apply(git.lsRemote()).setRemote(REMOTE).callAsMap();
    }

    /**
     * Makes index and work tree exactly the base commit (or empty for an empty remote), so the edit starts from
     * the remote head with no leftovers. A marker file stands from the start of an edit until its result is
     * committed (see {@link #settled}). Without it and with the head already at the base, index and work tree are
     * that commit already: nothing but this class writes to the cache, so the reset (a walk over every file) is
     * skipped. Untracked files can only come from an edit that did not settle; cleaning costs a full status, so
     * it runs only then.
     */
    void prepareEdit(Optional<ObjectId> base) throws IOException, GitAPIException {
        boolean interrupted = Files.exists(editMarker());
        boolean clean = interrupted;
        if (base.isPresent()) {
            if (interrupted || !base.get().equals(git.getRepository().resolve(Constants.HEAD))) {
                git.reset().setMode(ResetCommand.ResetType.HARD).setRef(base.get().name()).call();
            }
        } else if (git.getRepository().resolve(Constants.HEAD) != null) {
            // Commits from an earlier try at creating the branch: the branch must be born again from nothing,
            // and Git will not delete a checked-out branch, so start from a new cache.
            git.close();
            git = create(directory, remote, branchRef.substring(Constants.R_HEADS.length()));
        } else {
            DirCache index = git.getRepository().lockDirCache();
            index.clear();
            index.write();
            index.commit();
            clean = true;
        }
        if (clean) {
            git.clean().setCleanDirectories(true).setIgnore(false).setForce(true).call();
        }
        Files.writeString(editMarker(), "an edit is running or was interrupted; the next run resets and cleans the"
                + " work tree\n");
    }

    /**
     * The edit's result is the head commit: committed, or staged with no change from the base. From here the next
     * run may trust index and work tree, unless the edit left ignored files behind, which only cleaning removes.
     */
    void settled(Staged staged) throws IOException {
        if (!staged.ignoredLeftovers()) {
            Files.deleteIfExists(editMarker());
        }
    }

    private Path editMarker() {
        return git.getRepository().getDirectory().toPath().resolve("watasu-edit-pending");
    }

    /**
     * What the edit left in the work tree, staged: the tree it forms, how it differs from the base, and whether
     * ignored untracked files were left out.
     */
    record Staged(ObjectId tree, List<PathChange> changes, boolean ignoredLeftovers) {
    }

    /**
     * Stages the whole work tree like {@code git add --all} in one walk: entries whose file is unchanged (by stat
     * data, by content when that is not conclusive) are kept, others hashed, missing files dropped, ignored
     * untracked files left out.
     */
    Staged stage(Optional<ObjectId> base) throws IOException {
        Repository repo = git.getRepository();
        DirCache index = repo.lockDirCache();
        boolean ignoredLeftovers = false;
        ObjectId tree;
        try (ObjectInserter inserter = repo.newObjectInserter();
             ObjectReader reader = inserter.newReader();
             TreeWalk walk = new TreeWalk(repo, reader)) {
            DirCacheBuilder builder = index.builder();
            walk.setRecursive(true);
            int indexTree = walk.addTree(new DirCacheIterator(index));
            FileTreeIterator files = new FileTreeIterator(repo);
            files.setDirCacheIterator(walk, indexTree);
            walk.addTree(files);
            while (walk.next()) {
                DirCacheIterator indexed = walk.getTree(0, DirCacheIterator.class);
                WorkingTreeIterator file = walk.getTree(1, WorkingTreeIterator.class);
                DirCacheEntry entry = indexed == null ? null : indexed.getDirCacheEntry();
                if (file == null) {
                    continue;
                }
                if (entry == null && file.isEntryIgnored()) {
                    ignoredLeftovers = true;
                } else if (entry != null && entry.getStage() == DirCacheEntry.STAGE_0
                        && (file.getEntryFileMode() == FileMode.GITLINK || !file.isModified(entry, true, reader))) {
                    builder.add(entry);
                } else if (file.getEntryFileMode() != FileMode.GITLINK) {
                    builder.add(hashed(walk, file, inserter));
                }
            }
            builder.finish();
            tree = index.writeTree(inserter);
            inserter.flush();
            index.write();
            index.commit();
        } finally {
            index.unlock();
        }
        return new Staged(tree, changes(base, tree), ignoredLeftovers);
    }

    private static DirCacheEntry hashed(TreeWalk walk, WorkingTreeIterator file, ObjectInserter inserter)
            throws IOException {
        DirCacheEntry entry = new DirCacheEntry(walk.getRawPath());
        entry.setFileMode(file.getEntryFileMode());
        entry.setLastModified(file.getEntryLastModifiedInstant());
        entry.setLength(file.getEntryLength());
        try (InputStream content = file.openEntryStream()) {
            entry.setObjectId(inserter.insert(Constants.OBJ_BLOB, file.getEntryContentLength(), content));
        }
        return entry;
    }

    private List<PathChange> changes(Optional<ObjectId> base, ObjectId tree) throws IOException {
        Repository repo = git.getRepository();
        try (RevWalk revWalk = new RevWalk(repo); TreeWalk walk = new TreeWalk(repo)) {
            if (base.isPresent()) {
                walk.addTree(revWalk.parseCommit(base.get()).getTree());
            } else {
                walk.addTree(new EmptyTreeIterator());
            }
            walk.addTree(tree);
            walk.setRecursive(true);
            // Unchanged subtrees are skipped whole: cheap even for ten thousand files.
            walk.setFilter(TreeFilter.ANY_DIFF);
            List<PathChange> changes = new ArrayList<>();
            for (DiffEntry entry : DiffEntry.scan(walk)) {
                switch (entry.getChangeType()) {
                    case ADD -> changes.add(new PathChange(PathChange.Type.ADDED, entry.getNewPath()));
                    case DELETE -> changes.add(new PathChange(PathChange.Type.DELETED, entry.getOldPath()));
                    default -> changes.add(new PathChange(PathChange.Type.MODIFIED, entry.getNewPath()));
                }
            }
            return changes;
        }
    }

    /** Commits the staged tree onto the base (no parent for an empty remote) and moves the local branch there. */
    ObjectId commit(Optional<ObjectId> base, ObjectId tree, CommitMessage message, PersonIdent author,
                    PersonIdent committer) throws IOException {
        Repository repo = git.getRepository();
        ObjectId commit;
        try (ObjectInserter inserter = repo.newObjectInserter()) {
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(tree);
            base.ifPresent(builder::setParentId);
            builder.setAuthor(author);
            builder.setCommitter(committer);
            builder.setEncoding(StandardCharsets.UTF_8);
            builder.setMessage(message.text());
            commit = inserter.insert(builder);
            inserter.flush();
        }
        RefUpdate update = repo.updateRef(branchRef);
        update.setNewObjectId(commit);
        update.setForceUpdate(true);
        update.setRefLogMessage("publish: " + message.subject(), false);
        RefUpdate.Result result = update.update();
        if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FORCED
                && result != RefUpdate.Result.FAST_FORWARD) {
            throw new IOException("cannot move " + branchRef + " in the cache: " + result);
        }
        return commit;
    }

    /** Pushes the local branch, never forced; the server's verdict is returned, not thrown. */
    RemoteRefUpdate push() throws GitAPIException {
        Iterable<PushResult> results = transport.apply(git.push())
                .setRemote(REMOTE)
                .setRefSpecs(new RefSpec(branchRef + ":" + branchRef))
                .setForce(false)
                .call();
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(branchRef);
            if (update != null) {
                return update;
            }
        }
        throw new IllegalStateException("push reported no result for " + branchRef);
    }

    @Override
    public void close() {
        git.close();
    }

    /** Deletes the cache (links in it are deleted, never followed). */
    static void deleteRecursively(Path root) throws IOException {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            OwnedTree.deleteTree(root);
        }
    }
}
