package io.watasu.render;

import io.watasu.model.WatasuConfig;
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
 * leaves this class. Pure and deterministic: the same model gives the same bytes (sorted, no timestamps, LF).
 */
public final class Renderer {
    private static final String DOCUMENT_SEPARATOR = "---\n";

    private final Templates templates;

    public Renderer(Templates templates) {
        this.templates = templates;
    }

    /** Compiles the templates and renders once; for repeated rendering keep a {@link Renderer} instead. */
    public static RenderedTree render(WatasuConfig config, RenderOptions options) {
        return new Renderer(Templates.load(options.templatesDir())).render(config, options.argoCd());
    }

    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd) {
        PolicyPlan plan = PolicyPlanner.plan(config);
        List<PlannedFile> files = new ArrayList<>(plan.files().toList());
        argoCd.ifPresent(settings -> files.addAll(ArgoCdPlanner.plan(
                plan.teams().stream().map(TeamPlan::team).toList(),
                settings.repoUrl(), settings.branch(), settings.path())));
        List<Attempt> attempts = files.parallelStream().map(this::attempt).toList();
        // Report the first failing file in output order, whichever thread met a failure first.
        attempts.stream().filter(a -> a.error() != null).findFirst().ifPresent(a -> {
            throw a.error();
        });
        return new RenderedTree(attempts.stream().map(Attempt::file).toList());
    }

    private record Attempt(RenderedFile file, RenderException error) {
    }

    private Attempt attempt(PlannedFile file) {
        try {
            return new Attempt(renderFile(file), null);
        } catch (RenderException e) {
            return new Attempt(null, e);
        }
    }

    private RenderedFile renderFile(PlannedFile file) {
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
        return new RenderedFile(file.relativePath(), content.toString());
    }
}
