package io.watasu.publish;

import java.nio.file.Path;
import java.util.Objects;

/** How a {@link GitTransaction} authenticates. Records here never print their secret. */
public sealed interface GitCredentials {
    /** No credentials beyond what the URL itself carries (local paths, public repositories, URL userinfo). */
    record None() implements GitCredentials {
    }

    /**
     * HTTP basic authentication, as forges take tokens.
     *
     * @param source where the secret came from, named in the fix when the server refuses it (e.g. "WATASU_GIT_TOKEN")
     */
    record UserPassword(String user, String secret, String source) implements GitCredentials {
        public UserPassword {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(source, "source");
        }

        @Override
        public String toString() {
            return "UserPassword[user=" + user + ", secret=***, source=" + source + "]";
        }
    }

    /**
     * An SSH private key file without a passphrase (nothing can prompt for one in CI). The server's host key must
     * be in {@code knownHosts}: an unknown host is refused, not trusted on first use.
     */
    record SshKey(Path keyFile, Path knownHosts) implements GitCredentials {
        public SshKey {
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(knownHosts, "knownHosts");
        }
    }

    static GitCredentials none() {
        return new None();
    }

    static GitCredentials userPassword(String user, String secret, String source) {
        return new UserPassword(user, secret, source);
    }

    static GitCredentials sshKey(Path keyFile, Path knownHosts) {
        return new SshKey(keyFile, knownHosts);
    }
}
