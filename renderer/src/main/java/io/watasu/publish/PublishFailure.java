package io.watasu.publish;

/**
 * Why a transaction did not land.
 *
 * @param kind    what went wrong, for callers that react differently (e.g. exit codes)
 * @param message one line for the user: the cause and how to fix it; credentials already removed
 * @param cause   the underlying exception, or null; its own message may contain secrets, so never print it as is
 */
public record PublishFailure(Kind kind, String message, Throwable cause) {
    public enum Kind {
        /** The server refused the credentials (or none were given and it wants some). */
        AUTHENTICATION,
        /** Connection refused, unknown host, time-out, TLS or SSH host key problems. */
        UNREACHABLE,
        /** No repository at the URL. */
        REPOSITORY_NOT_FOUND,
        /** The repository has branches, but not the one asked for. */
        BRANCH_MISSING,
        /** The server refused the push for a reason other than a concurrent update (hook, protection). */
        REJECTED,
        /** Other publishers kept winning the race until the attempts ran out. */
        CONTENTION,
        /** The edit function threw. */
        EDIT_FAILED,
        /** Anything else: local I/O on the cache, unexpected Git errors. */
        OTHER
    }

    /** Leaves the cause out: its message may carry secrets. */
    @Override
    public String toString() {
        return kind + ": " + message;
    }
}
