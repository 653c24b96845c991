package io.watasu.render;

import io.watasu.model.WatasuConfig;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.plan.ArgoCdPlanner;
import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlan;
import io.watasu.plan.PolicyPlanner;
import io.watasu.plan.TeamPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Model to rendered files: plan, apply one template per object, and parse every document back before anything
 * leaves this class. Deterministic: the same model gives the same bytes (sorted, no timestamps, LF). The only input
 * besides the model and templates is an optional earlier output, whose files are reused where their fingerprint
 * proves they are what rendering would produce.
 */
public final class Renderer {
    private static final String DOCUMENT_SEPARATOR = "---\n";

    private final Templates templates;
    private final Fingerprints fingerprints;

    public Renderer(Templates templates) {
        this.templates = templates;
        this.fingerprints = new Fingerprints(templates.texts());
    }

    /** Compiles the templates and renders once; for repeated rendering keep a {@link Renderer} instead. */
    public static RenderedTree render(WatasuConfig config, RenderOptions options) {
        return render(config, options, PreviousOutput.none());
    }

    /** As {@link #render(WatasuConfig, RenderOptions)}, taking unchanged files from {@code previous}. */
    public static RenderedTree render(WatasuConfig config, RenderOptions options, PreviousOutput previous) {
        return new Renderer(Templates.load(options.templatesDir())).render(config, options.argoCd(), previous);
    }

    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd) {
        return render(config, argoCd, PreviousOutput.none());
    }

    /**
     * Renders every file, except that a file whose fingerprint (plan, templates, renderer build) matches an
     * unchanged file of {@code previous} is taken from there: the same inputs gave those bytes, already checked.
     */
    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd, PreviousOutput previous) {
        PolicyPlan plan = PolicyPlanner.plan(config);
        List<PlannedFile> files = new ArrayList<>(plan.files().toList());
        argoCd.ifPresent(settings -> files.addAll(ArgoCdPlanner.plan(
                plan.teams().stream().map(TeamPlan::team).toList(),
                settings.repoUrl(), settings.branch(), settings.path())));
        List<Attempt> attempts = files.parallelStream().map(file -> attempt(file, previous)).toList();
        // Report the first failing file in output order, whichever thread met a failure first.
        attempts.stream().filter(a -> a.error() != null).findFirst().ifPresent(a -> {
            throw a.error();
        });
        return new RenderedTree(attempts.stream().map(Attempt::file).toList());
    }

    private record Attempt(RenderedFile file, RenderException error) {
    }

    private Attempt attempt(PlannedFile file, PreviousOutput previous) {
        try {
            String fingerprint = fingerprints.of(file);
            return new Attempt(previous.file(file.relativePath(), fingerprint).orElseGet(() ->
                    new RenderedFile(file.relativePath(), renderFile(file), fingerprint, null)), null);
        } catch (RenderException e) {
            return new Attempt(null, e);
        }
    }

    private String renderFile(PlannedFile file) {
        StringBuilder content = new StringBuilder();
        for (PlannedObject object : file.objects()) {
            String document = templates.apply(object.template(), object);
            if (!document.endsWith("\n")) {
                document = document + "\n";
            }
            DocumentCheck.check(document, object);
            if (content.length() > 0) {
                content.append(DOCUMENT_SEPARATOR);
            }
            content.append(document);
        }
        return content.toString();
    }
}
