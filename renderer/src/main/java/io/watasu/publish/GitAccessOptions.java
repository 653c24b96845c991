package io.watasu.publish;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The command-line options that say how to reach and write a Git remote, as {@code watasu publish} takes them:
 * an SSH key and its known hosts, and the commit author. Credentials are picked by {@link CredentialsResolver}.
 */
public final class GitAccessOptions {
    public static final String AUTHOR_NAME_VARIABLE = "WATASU_GIT_AUTHOR_NAME";
    public static final String AUTHOR_EMAIL_VARIABLE = "WATASU_GIT_AUTHOR_EMAIL";

    @Option(names = "--ssh-key", paramLabel = "FILE",
            description = "Private key for ssh:// and user@host: URLs (no passphrase; host must be in "
                    + "~/.ssh/known_hosts).")
    Path sshKey;

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "Host keys trusted for SSH (default: ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--author-name", paramLabel = "NAME",
            description = "Commit author (default: $" + AUTHOR_NAME_VARIABLE + ", else Watasu).")
    String authorName;

    @Option(names = "--author-email", paramLabel = "EMAIL",
            description = "Commit author e-mail (default: $" + AUTHOR_EMAIL_VARIABLE + ", else watasu@localhost).")
    String authorEmail;

    /** The credentials for {@code url}: the SSH key, else what {@link CredentialsResolver} finds. */
    public GitCredentials credentials(String url, Map<String, String> environment, Path home) {
        return new CredentialsResolver(environment, home)
                .resolve(url, Optional.ofNullable(sshKey), Optional.ofNullable(knownHosts));
    }

    public String authorName(Map<String, String> environment) {
        return setting(authorName, environment.get(AUTHOR_NAME_VARIABLE), "Watasu");
    }

    public String authorEmail(Map<String, String> environment) {
        return setting(authorEmail, environment.get(AUTHOR_EMAIL_VARIABLE), "watasu@localhost");
    }

    /** True when an SSH option was given: those only mean something for a remote. */
    public boolean sshGiven() {
        return sshKey != null || knownHosts != null;
    }

    /** True when the author was given on the command line. */
    public boolean authorGiven() {
        return authorName != null || authorEmail != null;
    }

    private static String setting(String option, String fromEnvironment, String fallback) {
        if (option != null && !option.isBlank()) {
            return option;
        }
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : fallback;
    }
}
