package io.watasu.bridge.store;

import io.watasu.publish.RemoteUrl;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the model lives and how to write to it.
 *
 * @param repository  Git URL or local path
 * @param branch      the branch to read and push
 * @param file        path of {@code watasu.yaml} inside the repository
 * @param renderPath  when set, the rendered manifests are written there in the same commit
 * @param token       HTTPS token, or null (never logged)
 * @param authorName  commit author name
 * @param authorEmail commit author e-mail
 * @param cacheDir    directory for local clones
 */
public record RepositorySettings(String repository, String branch, String file, String renderPath, String token,
                                 String authorName, String authorEmail, Path cacheDir) {
    public RepositorySettings {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(branch, "branch");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(authorName, "authorName");
        Objects.requireNonNull(authorEmail, "authorEmail");
        Objects.requireNonNull(cacheDir, "cacheDir");
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
                + ", renderPath=" + renderPath + ", token=" + (token == null ? "none" : "***") + "]";
    }
}
