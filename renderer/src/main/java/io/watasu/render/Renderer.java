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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Model to rendered files: plan, apply one template per object, and parse every document back before anything
 * leaves this class. Pure and deterministic: the same model gives the same bytes (sorted, no timestamps, LF).
 */
public final class Renderer {
    private static final String DOCUMENT_SEPARATOR = "---\n";
    /** SnakeYAML instances are not thread-safe; files are rendered in parallel. */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(() -> new Yaml(new SafeConstructor(new LoaderOptions())));

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
        return new RenderedTree(files.parallelStream().map(this::renderFile).toList());
    }

    private RenderedFile renderFile(PlannedFile file) {
        StringBuilder content = new StringBuilder();
        for (PlannedObject object : file.objects()) {
            String document = templates.apply(object.template(), object);
            if (!document.endsWith("\n")) {
                document = document + "\n";
            }
            checkDocument(document, object);
            if (content.length() > 0) {
                content.append(DOCUMENT_SEPARATOR);
            }
            content.append(document);
        }
        return new RenderedFile(file.relativePath(), content.toString());
    }

    /** The rendered text must be one YAML mapping of the planned kind and name, whatever the template says. */
    private static void checkDocument(String document, PlannedObject object) {
        Object parsed;
        try {
            parsed = YAML.get().load(document);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            throw new RenderException("template " + object.template() + " produced invalid YAML for " + object.kind()
                    + " " + object.name() + where + " of its output: " + e.getProblem());
        } catch (YAMLException e) {
            throw new RenderException("template " + object.template() + " produced invalid YAML for "
                    + object.kind() + " " + object.name() + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> map) || !object.kind().equals(map.get("kind"))
                || !(map.get("metadata") instanceof Map<?, ?> metadata)
                || !Objects.equals(object.name(), metadata.get("name"))) {
            throw new RenderException("template " + object.template() + " must render one " + object.kind()
                    + " named " + object.name() + " with kind and metadata.name set");
        }
    }
}
