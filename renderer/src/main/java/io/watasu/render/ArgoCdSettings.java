package io.watasu.render;

import io.watasu.names.Names;

import java.util.Objects;

/**
 * Where Argo CD finds the rendered tree: repository URL, branch, and the tree's folder in the repository.
 * The URL is rendered into the ApplicationSet, so it must not carry a password or token (Argo CD keeps
 * credentials in its own repository secrets); such a URL is rejected without repeating it. The path follows
 * {@link Names#repositoryPath}, or is "." (or empty) for the repository root.
 */
public record ArgoCdSettings(String repoUrl, String branch, String path) {
    public ArgoCdSettings {
        Objects.requireNonNull(repoUrl, "repoUrl");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(path, "path");
        if (carriesPassword(repoUrl)) {
            throw new IllegalArgumentException("the Argo CD repository URL carries credentials; give Argo CD"
                    + " its credentials as a repository secret and pass the URL without them");
        }
        if (repoUrl.isBlank() || branch.isBlank()) {
            throw new IllegalArgumentException("the Argo CD settings need a repository URL and a branch");
        }
        if (!path.equals(".") && !path.isEmpty()) {
            Names.repositoryPath(path);
        }
    }

    /** {@code scheme://user:secret@host/...}; a bare user ({@code ssh://git@host}) is fine. */
    private static boolean carriesPassword(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return false;
        }
        int authorityEnd = url.indexOf('/', schemeEnd + 3);
        String authority = authorityEnd < 0 ? url.substring(schemeEnd + 3) : url.substring(schemeEnd + 3, authorityEnd);
        int at = authority.lastIndexOf('@');
        return at >= 0 && authority.substring(0, at).contains(":");
    }
}
