package io.watasu.render;

import io.watasu.model.Platform;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.plan.ArgoCdPlanner;
import io.watasu.plan.GuardrailPlanner;
import io.watasu.plan.PlannedFile;
import io.watasu.plan.PlannedObject;
import io.watasu.plan.PolicyPlanner;
import io.watasu.progress.Progress;

import java.util.ArrayList;
import java.util.Comparator;
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

    /** Compiles the templates {@code options} name (built-in, or overridden from a folder). */
    public static Renderer of(RenderOptions options) {
        return new Renderer(Templates.load(options.templatesDir()));
    }

    /** Compiles the templates and renders once; for repeated rendering keep a {@link Renderer} instead. */
    public static RenderedTree render(WatasuConfig config, RenderOptions options) {
        return render(config, options, PreviousOutput.none());
    }

    /** As {@link #render(WatasuConfig, RenderOptions)}, taking unchanged files from {@code previous}. */
    public static RenderedTree render(WatasuConfig config, RenderOptions options, PreviousOutput previous) {
        return of(options).render(config, options.argoCd(), previous);
    }

    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd) {
        return render(config, argoCd, PreviousOutput.none());
    }

    /**
     * Renders every file, except that what {@code previous} proves unchanged is taken from there. A team's files
     * depend on nothing but the team and the platform, so a team whose fingerprint (team, platform, templates,
     * renderer build) matches the earlier output is taken whole, without planning it; the Argo CD files, which
     * depend on every team's name, are fingerprinted by their plan.
     */
    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd, PreviousOutput previous) {
        return render(config, argoCd, previous, Progress.NONE);
    }

    /** As {@link #render(WatasuConfig, Optional, PreviousOutput)}, counting teams planned and files rendered. */
    public RenderedTree render(WatasuConfig config, Optional<ArgoCdSettings> argoCd, PreviousOutput previous,
                               Progress progress) {
        List<Team> teams = config.teams().stream().sorted(Comparator.comparing(Team::name)).toList();
        progress.step("planning teams", teams.size());
        boolean appLabels = config.guardrails().admission();
        List<List<Pending>> perTeam = teams.parallelStream()
                .map(team -> {
                    List<Pending> files = teamFiles(team, config.platform(), appLabels, previous);
                    progress.advance(1);
                    return files;
                }).toList();
        List<Pending> pending = new ArrayList<>();
        perTeam.forEach(pending::addAll);
        List<String> teamNames = teams.stream().map(Team::name).toList();
        // Files that list every team are fingerprinted by their plan (cheap next to rendering them).
        List<PlannedFile> platformWide = new ArrayList<>(GuardrailPlanner.plan(teamNames, config.platform(),
                config.guardrails()));
        argoCd.ifPresent(settings -> platformWide.addAll(ArgoCdPlanner.plan(teamNames, settings.repoUrl(),
                settings.branch(), settings.path(), config.guardrails().any())));
        pending.addAll(platformWide.parallelStream().map(file -> {
            String fingerprint = fingerprints.of(file);
            return previous.file(file.relativePath(), fingerprint)
                    .map(Pending::reused).orElseGet(() -> new Pending(null, file, fingerprint));
        }).toList());
        progress.step("rendering files", pending.stream().filter(p -> p.reused() == null).count());
        List<Attempt> attempts = pending.parallelStream().map(p -> attempt(p, progress)).toList();
        // Report the first failing file in output order, whichever thread met a failure first.
        attempts.stream().filter(a -> a.error() != null).findFirst().ifPresent(a -> {
            throw a.error();
        });
        return new RenderedTree(attempts.stream().map(Attempt::file).toList());
    }

    /** A file of the output: already there ({@code reused}), or still to render from {@code plan}. */
    private record Pending(RenderedFile reused, PlannedFile plan, String fingerprint) {
        static Pending reused(RenderedFile file) {
            return new Pending(file, null, file.fingerprint());
        }
    }

    private List<Pending> teamFiles(Team team, Platform platform, boolean appLabels, PreviousOutput previous) {
        String fingerprint = fingerprints.of(team, platform, appLabels);
        return previous.folder(team.name(), fingerprint)
                .map(files -> files.stream().sorted(PLAN_ORDER).map(Pending::reused).toList())
                .orElseGet(() -> PolicyPlanner.planTeam(team, platform, appLabels).files().stream()
                        .map(file -> new Pending(null, file, fingerprint)).toList());
    }

    /** The planner's order inside a team folder: the team file, then apps by name. */
    private static final Comparator<RenderedFile> PLAN_ORDER = Comparator
            .comparing((RenderedFile file) -> !file.relativePath().endsWith("/" + PolicyPlanner.TEAM_FILE))
            .thenComparing(file -> file.relativePath().substring(0, file.relativePath().length() - ".yaml".length()));

    private record Attempt(RenderedFile file, RenderException error) {
    }

    private Attempt attempt(Pending pending, Progress progress) {
        if (pending.reused() != null) {
            return new Attempt(pending.reused(), null);
        }
        PlannedFile file = pending.plan();
        try {
            return new Attempt(new RenderedFile(file.relativePath(), renderFile(file), pending.fingerprint(), null),
                    null);
        } catch (RenderException e) {
            return new Attempt(null, e);
        } finally {
            progress.advance(1);
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
