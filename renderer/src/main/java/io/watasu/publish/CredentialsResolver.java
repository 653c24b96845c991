package io.watasu.publish;

import org.eclipse.jgit.transport.URIish;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the credentials for {@code watasu publish}, first match wins:
 * <ol>
 *   <li>{@code --ssh-key FILE} (with {@code --known-hosts FILE}, default {@code ~/.ssh/known_hosts});</li>
 *   <li>{@code WATASU_GIT_TOKEN} (HTTP basic auth; user {@code WATASU_GIT_USER}, default {@code x-access-token},
 *       the user name GitHub and Gitea accept for tokens);</li>
 *   <li>user and password in the URL (used, never stored or printed);</li>
 *   <li>the first {@code ~/.git-credentials} line ({@code https://user:password@host[/path]}, as written by
 *       {@code git credential-store}) whose scheme and host match and whose path, if any, prefixes the URL's;</li>
 *   <li>none.</li>
 * </ol>
 */
public final class CredentialsResolver {
    public static final String TOKEN_VARIABLE = "WATASU_GIT_TOKEN";
    public static final String USER_VARIABLE = "WATASU_GIT_USER";
    static final String DEFAULT_TOKEN_USER = "x-access-token";

    private final Map<String, String> environment;
    private final Path home;

    public CredentialsResolver(Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    /**
     * @param knownHosts for SSH: the known_hosts file, default {@code ~/.ssh/known_hosts}
     */
    public GitCredentials resolve(String url, Optional<Path> sshKey, Optional<Path> knownHosts) {
        if (sshKey.isPresent()) {
            return GitCredentials.sshKey(sshKey.get(), knownHosts.orElse(home.resolve(".ssh").resolve("known_hosts")));
        }
        String token = environment.get(TOKEN_VARIABLE);
        if (token != null && !token.isEmpty()) {
            String user = environment.getOrDefault(USER_VARIABLE, "");
            return GitCredentials.userPassword(user.isEmpty() ? DEFAULT_TOKEN_USER : user, token, TOKEN_VARIABLE);
        }
        RemoteUrl remote = RemoteUrl.parse(url);
        if (!remote.isHttp() || remote.userInfoCredentials().isPresent()) {
            return GitCredentials.none();
        }
        return fromCredentialStore(remote.uri()).orElse(GitCredentials.none());
    }

    private Optional<GitCredentials> fromCredentialStore(URIish target) {
        Path store = home.resolve(".git-credentials");
        List<String> lines;
        try {
            lines = Files.exists(store) ? Files.readAllLines(store, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            Optional<URIish> entry = parse(line.strip());
            if (entry.isPresent() && matches(entry.get(), target)) {
                return Optional.of(GitCredentials.userPassword(decode(entry.get().getUser()),
                        decode(entry.get().getPass()), "the ~/.git-credentials entry for " + target.getHost()));
            }
        }
        return Optional.empty();
    }

    private static Optional<URIish> parse(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        try {
            URIish entry = new URIish(line);
            return entry.getUser() != null && entry.getPass() != null ? Optional.of(entry) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean matches(URIish entry, URIish target) {
        String entryPath = entry.getPath() == null ? "" : entry.getPath().replaceAll("^/+|/+$", "");
        String targetPath = target.getPath() == null ? "" : target.getPath().replaceAll("^/+", "");
        return entry.getScheme().equalsIgnoreCase(target.getScheme())
                && entry.getHost() != null && entry.getHost().equalsIgnoreCase(target.getHost())
                && entry.getPort() == target.getPort()
                && (entryPath.isEmpty() || targetPath.equals(entryPath) || targetPath.startsWith(entryPath + "/"));
    }

    /** The store percent-encodes reserved characters in user and password. */
    private static String decode(String value) {
        return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
