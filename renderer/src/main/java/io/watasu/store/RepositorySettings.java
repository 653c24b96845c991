package io.watasu.store;

import io.watasu.names.Names;
import io.watasu.publish.GitCredentials;
import io.watasu.publish.RemoteUrl;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the model lives and how to write to it.
 *
 * @param repository  Git URL or local path (may carry credentials; never shown as is)
 * @param branch      the branch to read and push
 * @param file        path of {@code watasu.yaml} inside the repository, '/'-separated
 * @param renderPath  when set, the rendered manifests are written there in the same commit
 * @param credentials how to authenticate (never shown)
 * @param authorName  commit author name
 * @param authorEmail commit author e-mail
 * @param cacheDir    the directory of this repository's local clone
 */
public record RepositorySettings(String repository, String branch, String file, String renderPath,
                                 GitCredentials credentials, String authorName, String authorEmail, Path cacheDir) {
    public RepositorySettings {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(cacheDir, "cacheDir");
        file = insideRepository(Objects.requireNonNull(file, "file"), "the file");
        renderPath = renderPath == null ? null : insideRepository(renderPath, "the render path");
    }

    /**
     * A path inside the work tree, under the rule every command's repository paths follow
     * ({@link Names#repositoryPath}: relative, no '.', '..', hidden or special segments such as {@code .git} in any
     * letter case, no control characters).
     *
     * @throws RepositoryException saying what is wrong
     */
    static String insideRepository(String relative, String what) {
        try {
            return Names.repositoryPath(relative);
        } catch (IllegalArgumentException e) {
            throw new RepositoryException(what + ": " + e.getMessage());
        }
    }

    /** The repository as it may be shown: without credentials a URL may carry. */
    public String displayRepository() {
        try {
            return RemoteUrl.parse(repository).toString();
        } catch (IllegalArgumentException e) {
            return "(repository URL not shown)";
        }
    }

    @Override
    public String toString() {
        // Keeps secrets out of any log line or exception message that prints the settings.
        return "RepositorySettings[repository=" + displayRepository() + ", branch=" + branch + ", file=" + file
                + ", renderPath=" + renderPath + ", credentials=" + credentials + "]";
    }
}
