package io.watasu.render;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to render.
 *
 * @param argoCd       Argo CD wiring to add under {@code argocd/}, if any
 * @param templatesDir folder whose {@code *.hbs} files replace the built-in templates of the same name, if any
 */
public record RenderOptions(Optional<ArgoCdSettings> argoCd, Optional<Path> templatesDir) {
    public static RenderOptions defaults() {
        return new RenderOptions(Optional.empty(), Optional.empty());
    }

    public RenderOptions withArgoCd(ArgoCdSettings settings) {
        return new RenderOptions(Optional.of(settings), templatesDir);
    }

    public RenderOptions withTemplatesDir(Path dir) {
        return new RenderOptions(argoCd, Optional.of(dir));
    }
}
