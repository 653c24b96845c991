package io.watasu.bridge.provider;

import io.watasu.bridge.wire.CtyType;
import io.watasu.bridge.wire.SchemaBlock;
import io.watasu.bridge.wire.SchemaBlock.Attribute;
import io.watasu.bridge.wire.SchemaBlock.Mode;
import io.watasu.bridge.wire.Unknown;
import io.watasu.publish.GitCredentials;
import io.watasu.store.RepositoryException;
import io.watasu.store.RepositorySettings;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The provider block: which repository, branch and file hold the model, and how commits are made. */
final class ProviderConfig {
    static final String TOKEN_ENV = "WATASU_GIT_TOKEN";
    /** The user name forges accept with a token. */
    static final String TOKEN_USER = "x-access-token";
    static final String DEFAULT_BRANCH = "main";
    static final String DEFAULT_FILE = "watasu.yaml";
    static final String DEFAULT_AUTHOR_NAME = "Watasu Terraform provider";
    static final String DEFAULT_AUTHOR_EMAIL = "terraform@watasu.io";

    static final SchemaBlock SCHEMA = new SchemaBlock(
            "Every change is a commit to the Git repository holding `watasu.yaml`, pushed to `branch`.",
            List.of(
                    Attribute.of("repository", CtyType.STRING, Mode.REQUIRED,
                            "Git URL (`https://`, `ssh://`, `file://`) or local path of the repository."),
                    Attribute.of("branch", CtyType.STRING, Mode.OPTIONAL, "Branch to read and push; default `main`."),
                    Attribute.of("file", CtyType.STRING, Mode.OPTIONAL,
                            "Path of the model inside the repository; default `watasu.yaml`. Relative to the "
                                    + "repository root, without `.`, `..` or hidden segments (the rule of "
                                    + "`publish --path`); never a symbolic link: the provider does not follow links "
                                    + "in the repository."),
                    Attribute.of("render_path", CtyType.STRING, Mode.OPTIONAL,
                            "When set, the rendered Kubernetes manifests are written to this directory of the "
                                    + "repository in the same commit as each change. Only files Watasu wrote there "
                                    + "are replaced or removed; a file in its folders that Watasu did not write, or "
                                    + "a symbolic link where Watasu keeps its files, fails the change. Same path "
                                    + "rules as `file`."),
                    Attribute.of("token", CtyType.STRING, Mode.OPTIONAL,
                            "Token for HTTPS remotes; default: the `" + TOKEN_ENV + "` environment variable.")
                            .asSensitive(),
                    Attribute.of("author_name", CtyType.STRING, Mode.OPTIONAL,
                            "Commit author name; default `" + DEFAULT_AUTHOR_NAME + "`."),
                    Attribute.of("author_email", CtyType.STRING, Mode.OPTIONAL,
                            "Commit author e-mail; default `" + DEFAULT_AUTHOR_EMAIL + "`."),
                    Attribute.of("cache_dir", CtyType.STRING, Mode.OPTIONAL,
                            "Directory for the provider's local clones; default `$XDG_CACHE_HOME/watasu/terraform` "
                                    + "(or `~/.cache/watasu/terraform`).")));

    private ProviderConfig() {
    }

    /**
     * Settings from a configured provider block.
     *
     * @throws ProviderError when a value needed here is not known yet
     */
    static RepositorySettings settings(Map<String, Object> config, Map<String, String> env) {
        if (Unknown.containsUnknown(config)) {
            throw new ProviderError("Provider configuration depends on values not known yet",
                    "Set repository, branch and file of the watasu provider from values known at plan time "
                            + "(literals or variables), not from other resources' results.");
        }
        String token = Values.string(config, "token");
        String source = "the provider's token";
        if (token == null) {
            token = env.get(TOKEN_ENV);
            source = TOKEN_ENV;
        }
        GitCredentials credentials = token == null || token.isEmpty() ? GitCredentials.none()
                : GitCredentials.userPassword(TOKEN_USER, token, source);
        try {
            return new RepositorySettings(
                    Values.string(config, "repository"),
                    orDefault(Values.string(config, "branch"), DEFAULT_BRANCH),
                    orDefault(Values.string(config, "file"), DEFAULT_FILE),
                    Values.string(config, "render_path"),
                    credentials,
                    orDefault(Values.string(config, "author_name"), DEFAULT_AUTHOR_NAME),
                    orDefault(Values.string(config, "author_email"), DEFAULT_AUTHOR_EMAIL),
                    cacheDir(Values.string(config, "cache_dir"), env));
        } catch (RepositoryException e) {
            throw new ProviderError("Invalid provider configuration", e.getMessage() + ".");
        }
    }

    private static Path cacheDir(String configured, Map<String, String> env) {
        if (configured != null) {
            return Path.of(configured);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("watasu").resolve("terraform");
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
