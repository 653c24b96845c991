package io.watasu.cache;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where watasu keeps what it caches on this machine (publish clones, remembered file hashes):
 * {@code $XDG_CACHE_HOME/watasu}, else {@code ~/.cache/watasu}. Deleting it is always safe.
 */
public final class CacheRoot {
    /** A system property that points this process's caches elsewhere (tests keep them in the build folder). */
    public static final String PROPERTY = "watasu.cacheDir";

    private CacheRoot() {
    }

    /** The cache folder for {@code environment} and the user's {@code home}. */
    public static Path of(Map<String, String> environment, Path home) {
        String xdg = environment.get("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".cache")).resolve("watasu");
    }

    /** The cache folder of this process: {@link #PROPERTY} if set, else from the environment ($HOME first). */
    public static Path current() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String home = Optional.ofNullable(System.getenv("HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("user.home"));
        return of(System.getenv(), Path.of(home));
    }
}
