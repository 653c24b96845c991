package io.watasu.publish;

import org.eclipse.jgit.errors.NoRemoteRepositoryException;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns what JGit throws into one line with the cause and the fix. JGit reports most transport problems as
 * exceptions whose only structure is the message, so authentication and host-key problems are recognised by it.
 */
final class GitFailures {
    private final RemoteUrl remote;
    private final GitCredentials credentials;
    private final Redaction redaction;
    private final Duration timeout;

    GitFailures(RemoteUrl remote, GitCredentials credentials, Redaction redaction, Duration timeout) {
        this.remote = remote;
        this.credentials = credentials;
        this.redaction = redaction;
        this.timeout = timeout;
    }

    PublishFailure classify(Throwable failure) {
        if (failure instanceof BranchMissingException missing) {
            return new PublishFailure(PublishFailure.Kind.BRANCH_MISSING, branchMissingMessage(missing), failure);
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            PublishFailure known = byType(t, failure);
            if (known != null) {
                return known;
            }
        }
        String text = allMessages(failure).toLowerCase(Locale.ROOT);
        if (text.contains("host key") || text.contains("known_hosts")
                || text.contains("server key did not validate")) {
            return new PublishFailure(PublishFailure.Kind.UNREACHABLE, "the SSH host key of " + remote.hostDescription()
                    + " is not known or has changed: add the right key to ~/.ssh/known_hosts (ssh-keyscan "
                    + remote.uri().getHost() + ")", failure);
        }
        if (text.contains("not authorized") || text.contains("authentication") || text.contains("not permitted")
                || text.contains("auth fail")) {
            return new PublishFailure(PublishFailure.Kind.AUTHENTICATION,
                    "authentication refused by " + remote + ": " + authenticationFix(), failure);
        }
        return new PublishFailure(PublishFailure.Kind.OTHER,
                "Git operation on " + remote + " failed: " + redaction.scrub(innermostMessage(failure)), failure);
    }

    private PublishFailure byType(Throwable t, Throwable failure) {
        String host = remote.hostDescription();
        if (t instanceof NoRemoteRepositoryException) {
            return new PublishFailure(PublishFailure.Kind.REPOSITORY_NOT_FOUND, "no Git repository at " + remote
                    + ": check the URL" + (remote.isHttp() ? " and that the credentials may read it" : ""), failure);
        }
        if (t instanceof UnknownHostException) {
            return unreachable(host, "unknown host", "check the URL and DNS", failure);
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return unreachable(host, "connection refused", "check the URL and that the server is up", failure);
        }
        if (t instanceof SocketTimeoutException || isTimeout(t)) {
            return unreachable(host, "no answer within " + timeout.toSeconds() + " s",
                    "check the URL, proxies and firewalls, or allow more time with --timeout", failure);
        }
        if (t instanceof SSLException) {
            return unreachable(host, "TLS failed (" + redaction.scrub(t.getMessage()) + ")",
                    "check the URL and the server certificate", failure);
        }
        return null;
    }

    /** JGit reports some read time-outs only in words (e.g. "Read timed out after 30,000 ms"). */
    static boolean isTimeout(Throwable t) {
        String message = t.getMessage();
        return t instanceof InterruptedIOException
                || message != null && message.toLowerCase(Locale.ROOT).contains("timed out");
    }

    private static PublishFailure unreachable(String host, String why, String fix, Throwable failure) {
        return new PublishFailure(PublishFailure.Kind.UNREACHABLE,
                "cannot reach host " + host + " (" + why + "): " + fix, failure);
    }

    private String branchMissingMessage(BranchMissingException missing) {
        return "branch '" + missing.branch() + "' does not exist on the remote " + remote + " (it has: "
                + String.join(", ", missing.existingBranches()) + "): create it there first, or choose one of those";
    }

    private String authenticationFix() {
        if (credentials instanceof GitCredentials.UserPassword up) {
            return "check " + up.source();
        }
        if (credentials instanceof GitCredentials.SshKey key) {
            return "check that the key " + key.keyFile() + " is authorized for this repository";
        }
        return "no credentials were given; set WATASU_GIT_TOKEN, put them in ~/.git-credentials, or use --ssh-key";
    }

    private static String allMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    private static String innermostMessage(Throwable failure) {
        String message = "no details given";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
