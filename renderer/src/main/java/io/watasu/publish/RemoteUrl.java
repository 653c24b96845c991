package io.watasu.publish;

import org.eclipse.jgit.transport.URIish;

import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A remote URL split into what may be shown and stored (the URL without secrets) and the userinfo credentials
 * it carried. HTTP(S) URLs lose their whole userinfo; SSH URLs keep the login name (it is not a secret).
 */
public final class RemoteUrl {
    private final URIish display;
    private final String user;
    private final String password;

    private RemoteUrl(URIish display, String user, String password) {
        this.display = display;
        this.user = user;
        this.password = password;
    }

    public static RemoteUrl parse(String url) {
        URIish uri;
        try {
            uri = new URIish(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a Git URL or path: " + Redaction.stripUserInfo(url));
        }
        boolean http = isHttp(uri);
        URIish display = uri.setPass(null);
        if (http) {
            display = display.setUser(null);
        }
        return new RemoteUrl(display, uri.getUser(), uri.getPass());
    }

    private static boolean isHttp(URIish uri) {
        return "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
    }

    public boolean isHttp() {
        return isHttp(display);
    }

    /** The URL without secrets: safe to print and to store in the cache's .git/config. */
    @Override
    public String toString() {
        return display.toString();
    }

    public URIish uri() {
        return display;
    }

    /** Host (and port when given) for "cannot reach" messages; the path for local repositories. */
    public String hostDescription() {
        if (display.getHost() == null) {
            return display.getPath();
        }
        return display.getPort() > 0 ? display.getHost() + ":" + display.getPort() : display.getHost();
    }

    /** HTTP(S) userinfo credentials, when the URL carried both a user and a password. */
    public Optional<GitCredentials> userInfoCredentials() {
        if (isHttp() && user != null && password != null) {
            return Optional.of(GitCredentials.userPassword(user, password, "the credentials in the URL"));
        }
        return Optional.empty();
    }
}
