package io.watasu.publish;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.RemoteRefUpdate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One optimistic update of a branch in a remote Git repository: fetch the branch into a cached checkout, reset the
 * work tree to the remote head, apply an edit, commit if the tree changed, push (never forced). When another
 * publisher moved the branch first, fetch again and re-apply the edit onto the new head, a bounded number of times
 * with jittered exponential backoff. Single use, like JGit's porcelain commands; the outcome is returned as a
 * {@link PublishResult}, never thrown.
 *
 * <pre>{@code
 * PublishResult result = GitTransaction.to("https://git.example.com/ops/gitops.git")
 *         .branch("main")
 *         .credentials(GitCredentials.userPassword("x-access-token", token, "WATASU_GIT_TOKEN"))
 *         .author("Watasu", "watasu@example.com")
 *         .cacheDirectory(cacheDir)
 *         .edit(worktree -> { ...write files...; return Optional.of(CommitMessage.of("update")); })
 *         .call();
 * }</pre>
 */
public final class GitTransaction {
    public static final int DEFAULT_MAX_ATTEMPTS = 8;
    /**
     * Long enough for a slow forge to start answering a fetch of a large repository, short enough that a server
     * that accepts connections and then says nothing fails a CI job quickly instead of stalling it.
     */
    public static final int DEFAULT_TIMEOUT_SECONDS = 30;

    private final String rawUrl;
    private final RemoteUrl remote;
    private String branch = "main";
    private GitCredentials credentials = GitCredentials.none();
    private String authorName;
    private String authorEmail;
    private String committerName;
    private String committerEmail;
    private Path cacheDirectory;
    private WorktreeEdit edit;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration firstBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(5);
    private Duration timeout = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    private Consumer<String> progress = line -> { };
    private Consumer<Step> steps = step -> { };
    private boolean dryRun;
    private boolean called;

    private GitTransaction(String remoteUrl) {
        this.rawUrl = Objects.requireNonNull(remoteUrl, "remoteUrl");
        this.remote = RemoteUrl.parse(remoteUrl);
    }

    /**
     * @param remoteUrl a local path, file://, http(s):// (userinfo credentials are used but never stored) or SSH URL
     */
    public static GitTransaction to(String remoteUrl) {
        return new GitTransaction(remoteUrl);
    }

    public GitTransaction branch(String branch) {
        if (!Repository.isValidRefName("refs/heads/" + branch)) {
            throw new IllegalArgumentException("not a valid branch name: " + branch);
        }
        this.branch = branch;
        return this;
    }

    /** Explicit credentials win over credentials in the URL. */
    public GitTransaction credentials(GitCredentials credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        return this;
    }

    public GitTransaction author(String name, String email) {
        this.authorName = Objects.requireNonNull(name, "author name");
        this.authorEmail = Objects.requireNonNull(email, "author email");
        return this;
    }

    /** Defaults to the author. */
    public GitTransaction committer(String name, String email) {
        this.committerName = Objects.requireNonNull(name, "committer name");
        this.committerEmail = Objects.requireNonNull(email, "committer email");
        return this;
    }

    /**
     * Where the clone is kept between runs. One transaction at a time uses a directory (others wait); a damaged
     * cache is replaced by a fresh clone. The sibling file {@code <dir>.lock} guards it.
     */
    public GitTransaction cacheDirectory(Path cacheDirectory) {
        this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        return this;
    }

    public GitTransaction edit(WorktreeEdit edit) {
        this.edit = Objects.requireNonNull(edit, "edit");
        return this;
    }

    /** Pushes tried before giving up on contention (at least 1). */
    public GitTransaction maxAttempts(int maxAttempts) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** The wait before retry k is random in [d/2, d] where d = min(first * 2^(k-1), max). */
    public GitTransaction backoff(Duration first, Duration max) {
        if (first.isNegative() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("backoff needs 0 <= first <= max");
        }
        this.firstBackoff = first;
        this.maxBackoff = max;
        return this;
    }

    /**
     * How long a connection to the server may stay silent (connecting, or waiting for data) before the transaction
     * fails as unreachable; whole seconds, at least one.
     */
    public GitTransaction timeout(Duration timeout) {
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("the timeout must be at least one second");
        }
        this.timeout = timeout;
        return this;
    }

    /** Receives one line per step (fetching, committing, pushing, retrying); lines carry no secrets. */
    public GitTransaction progress(Consumer<String> progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
        return this;
    }

    /** The steps of a transaction, for a progress display; the edit is the caller's own. */
    public enum Step { FETCHING, COMMITTING, PUSHING }

    /** Receives each step as it starts (after its {@link #progress} line), on the calling thread. */
    public GitTransaction steps(Consumer<Step> steps) {
        this.steps = Objects.requireNonNull(steps, "steps");
        return this;
    }

    /** Runs everything up to the commit, then reports what would be pushed instead. */
    public GitTransaction dryRun(boolean dryRun) {
        this.dryRun = dryRun;
        return this;
    }

    public synchronized PublishResult call() {
        if (called) {
            throw new IllegalStateException("a GitTransaction runs once; create a new one");
        }
        called = true;
        Objects.requireNonNull(cacheDirectory, "cacheDirectory must be set");
        Objects.requireNonNull(edit, "edit must be set");
        Objects.requireNonNull(authorName, "author must be set");
        GitCredentials effective = credentials instanceof GitCredentials.None
                ? remote.userInfoCredentials().orElse(credentials)
                : credentials;
        Redaction redaction = new Redaction(secretsOf(effective));
        GitFailures failures = new GitFailures(remote, effective, redaction, timeout);
        try (CacheLock lock = CacheLock.acquire(cacheDirectory);
             TransportSettings transport = new TransportSettings(effective, timeout)) {
            return runWithCache(transport, failures, redaction);
        } catch (IOException e) {
            return new PublishResult.Failed(new PublishFailure(PublishFailure.Kind.OTHER,
                    "cannot use the cache directory " + cacheDirectory + ": " + redaction.scrub(e.getMessage()), e));
        }
    }

    private List<String> secretsOf(GitCredentials effective) {
        List<String> secrets = new ArrayList<>();
        if (effective instanceof GitCredentials.UserPassword up) {
            secrets.add(up.secret());
        }
        // Whatever the URL carried, even a lone token in the user part, is a secret.
        String userInfo = remote.isHttp() ? userInfoOf(rawUrl) : null;
        if (userInfo != null) {
            secrets.add(userInfo);
            secrets.addAll(List.of(userInfo.split(":", 2)));
        }
        return secrets;
    }

    private static String userInfoOf(String url) {
        int scheme = url.indexOf("://");
        int at = url.indexOf('@', scheme + 3);
        int slash = url.indexOf('/', scheme + 3);
        return scheme > 0 && at > 0 && (slash < 0 || at < slash) ? url.substring(scheme + 3, at) : null;
    }

    /** A failure that may come from a damaged cache gets one more run on a fresh clone. */
    private PublishResult runWithCache(TransportSettings transport, GitFailures failures, Redaction redaction) {
        while (true) {
            try (CacheCheckout checkout = CacheCheckout.open(cacheDirectory, remote, branch, transport)) {
                try {
                    return attempts(checkout, redaction);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new PublishResult.Failed(new PublishFailure(PublishFailure.Kind.OTHER,
                            "interrupted while waiting to retry the push to " + remote, e));
                } catch (Exception e) {
                    PublishFailure failure = failures.classify(e);
                    if (failure.kind() != PublishFailure.Kind.OTHER || checkout.isFresh()) {
                        return new PublishResult.Failed(failure);
                    }
                    progress.accept("the cache " + cacheDirectory + " looks damaged (" + failure.message()
                            + "); cloning again");
                }
            } catch (Exception e) {
                return new PublishResult.Failed(failures.classify(e));
            }
            try {
                CacheCheckout.deleteRecursively(cacheDirectory);
            } catch (IOException e) {
                return new PublishResult.Failed(new PublishFailure(PublishFailure.Kind.OTHER, "cannot remove the "
                        + "damaged cache " + cacheDirectory + ": " + redaction.scrub(e.getMessage()), e));
            }
        }
    }

    private PublishResult attempts(CacheCheckout checkout, Redaction redaction) throws Exception {
        for (int attempt = 1; ; attempt++) {
            progress.accept("fetching " + branch + " from " + remote);
            steps.accept(Step.FETCHING);
            Optional<ObjectId> base = checkout.fetch();
            checkout.prepareEdit(base);
            Optional<CommitMessage> message;
            try {
                message = edit.apply(checkout.worktree());
            } catch (Exception e) {
                // Exception class names mean nothing to users; an edit without a message is a defect.
                String why = e.getMessage() == null ? "the edit failed unexpectedly" : e.getMessage();
                return new PublishResult.Failed(
                        new PublishFailure(PublishFailure.Kind.EDIT_FAILED, redaction.scrub(why), e));
            }
            if (message.isEmpty()) {
                return new PublishResult.NoChange(base.orElse(null), attempt);
            }
            CacheCheckout.Staged staged = checkout.stage(base);
            if (staged.changes().isEmpty()) {
                checkout.settled(staged);
                progress.accept("nothing changed on " + branch);
                return new PublishResult.NoChange(base.orElse(null), attempt);
            }
            if (dryRun) {
                return new PublishResult.DryRun(base.orElse(null), message.get(), staged.changes());
            }
            progress.accept("committing " + staged.changes().size() + " changed file(s)");
            steps.accept(Step.COMMITTING);
            ObjectId commit = checkout.commit(base, staged.tree(), message.get(),
                    new PersonIdent(authorName, authorEmail),
                    new PersonIdent(committerName == null ? authorName : committerName,
                            committerEmail == null ? authorEmail : committerEmail));
            checkout.settled(staged);
            progress.accept("pushing to " + remote + " (attempt " + attempt + "/" + maxAttempts + ")");
            steps.accept(Step.PUSHING);
            RemoteRefUpdate update = checkout.push();
            switch (update.getStatus()) {
                case OK:
                    return new PublishResult.Pushed(commit, attempt, message.get(), staged.changes());
                case REJECTED_NONFASTFORWARD:
                case REJECTED_REMOTE_CHANGED:
                    break;
                case REJECTED_OTHER_REASON:
                    // A server refusal looks the same whether a hook said no or a concurrent push took the ref
                    // lock; only a moved head tells them apart.
                    if (!checkout.remoteHead().equals(base)) {
                        break;
                    }
                    return refused(update, redaction);
                default:
                    return refused(update, redaction);
            }
            if (attempt == maxAttempts) {
                return new PublishResult.Failed(new PublishFailure(PublishFailure.Kind.CONTENTION,
                        "gave up after " + maxAttempts + " pushes to " + branch + " at " + remote
                                + ": other publishers kept updating it first; run again", null));
            }
            Duration wait = backoff(attempt);
            progress.accept("push rejected: " + branch + " moved on the remote; retry " + (attempt + 1) + "/"
                    + maxAttempts + " in " + wait.toMillis() + " ms");
            Thread.sleep(wait.toMillis());
        }
    }

    private PublishResult refused(RemoteRefUpdate update, Redaction redaction) {
        String reason = update.getMessage() == null ? update.getStatus().name() : redaction.scrub(update.getMessage());
        return new PublishResult.Failed(new PublishFailure(PublishFailure.Kind.REJECTED,
                "the remote " + remote + " refused the push to " + branch + " (" + reason
                        + "): check branch protection and server hooks", null));
    }

    private Duration backoff(int attempt) {
        long ceiling = Math.min(maxBackoff.toMillis(), firstBackoff.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
