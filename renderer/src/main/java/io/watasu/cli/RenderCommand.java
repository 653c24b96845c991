package io.watasu.cli;

import io.watasu.concurrency.Background;
import io.watasu.config.ConfigLoader;
import io.watasu.config.Diagnostic;
import io.watasu.config.LoadResult;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.output.OutputChanges;
import io.watasu.output.OutputException;
import io.watasu.output.OutputWriter;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedTree;
import io.watasu.output.WriteResult;
import io.watasu.progress.Progress;
import io.watasu.render.ArgoCdSettings;
import io.watasu.render.RenderException;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code watasu render}: watasu.yaml to Kubernetes objects in a folder Watasu owns file by file. */
@Command(name = "render",
        mixinStandardHelpOptions = true,
        description = {
                "Render the network objects (Namespace, NetworkPolicy, Service, Ingress) of every team into DIR:"
                        + " <team>/_team.yaml holds the namespace and baseline policies, <team>/<app>.yaml one app's"
                        + " exposure.",
                "%nOnly changed files are rewritten. Files watasu wrote before and no longer renders are removed"
                        + " (the list lives in DIR/.watasu/owned.txt). The folders directly under DIR are watasu's:"
                        + " a file there that watasu did not write stops the render (Argo CD would apply it with the"
                        + " team's objects) unless --remove-foreign is given; files at the top of DIR and folders"
                        + " starting with '.' are never touched. Symbolic links inside DIR are never followed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:rendered, or (--check) the output is up to date",
                "1:invalid watasu.yaml or template (nothing written); (--check) the output is stale; a file watasu"
                        + " did not write, or a symbolic link, in watasu's folders",
                "2:usage error",
                "3:other failure (I/O)"})
public final class RenderCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = "watasu.yaml",
            description = "The platform model (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--check", description = "Write nothing; list what is stale and exit 1 unless DIR is up to date.")
    boolean check;

    @Option(names = "--templates", paramLabel = "DIR",
            description = "Folder of *.hbs files replacing built-in templates of the same name.")
    Path templates;

    @CommandLine.Mixin
    QuietOption quiet;

    @Option(names = "--argocd-repo", paramLabel = "URL",
            description = "Also render argocd/ (ApplicationSet and AppProject) reading this Git repository.")
    String argoRepo;

    @Option(names = "--argocd-branch", paramLabel = "BRANCH", defaultValue = "main",
            description = "Branch Argo CD reads (default: ${DEFAULT-VALUE}).")
    String argoBranch;

    @Option(names = "--argocd-path", paramLabel = "PATH", defaultValue = ".",
            description = "Folder of DIR inside that repository, e.g. clusters/prod (default: the repository root)."
                    + " Letters, digits, '-', '_' and '.' in each segment; none may start with '.'.")
    String argoPath;

    @Option(names = "--remove-foreign",
            description = "Delete files in the folders directly under DIR that watasu did not write (and write over"
                    + " them), instead of refusing to render.")
    boolean removeForeign;

    @Override
    public Integer call() {
        try (Progress progress = quiet.progress(spec.commandLine())) {
            return render(progress);
        }
    }

    private int render(Progress progress) {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        RenderOptions options = options();
        // The templates compile, and the earlier output is checked for reuse, while watasu.yaml loads. --check
        // compares a full render with the folder: it must not take the folder's word for anything.
        CompletableFuture<Renderer> renderer = Background.start("templates", () -> Renderer.of(options));
        PreviousOutput previous = check ? PreviousOutput.none() : PreviousOutput.in(out);
        progress.step("loading " + file, 0);
        LoadResult loaded = ConfigLoader.load(file);
        progress.clear();
        loaded.diagnostics().forEach(d -> err.println(d.format()));
        if (!loaded.ok()) {
            err.println("watasu: " + loaded.errors().size() + " error(s) in " + file + "; nothing written");
            return ExitCodes.INVALID_INPUT;
        }
        RenderedTree tree = render(renderer, loaded.config(), options, previous, progress);
        if (!check) {
            ContractGate.check(loaded.config(), tree, progress);
        }
        OutputWriter writer = removeForeign ? new OutputWriter().removingForeignFiles() : new OutputWriter();
        try {
            if (check) {
                progress.step("comparing files with " + out, 0);
                OutputChanges changes = writer.compare(tree, out);
                progress.clear();
                changes.describe().forEach(stdout::println);
                if (!changes.upToDate()) {
                    err.println("watasu: " + out + " is stale (" + changes.describe().size()
                            + " difference(s)); run 'watasu render " + file + " --out " + out + "' and commit");
                    if (!changes.foreign().isEmpty()) {
                        err.println("watasu: " + FOREIGN_FIX.formatted(out));
                    }
                    return ExitCodes.INVALID_INPUT;
                }
                if (!quiet.on()) {
                    err.println("watasu: " + out + " is up to date (" + tree.files().size() + " files)");
                }
                return ExitCodes.OK;
            }
            progress.step("writing files", 0);
            WriteResult result = writer.write(tree, out);
            progress.clear();
            result.handEdited().forEach(p ->
                    err.println("watasu: warning: " + out.resolve(p) + " had been edited by hand; replaced"));
            result.foreign().forEach(p ->
                    err.println("watasu: warning: " + out.resolve(p) + " was not written by watasu; removed"));
            if (!quiet.on()) {
                WatasuConfig config = loaded.config();
                err.println("watasu: rendered " + config.apps().count() + " apps in " + config.teams().size()
                        + " teams: " + result.summary());
            }
            return ExitCodes.OK;
        } catch (OutputException.ForeignFiles e) {
            throw new UserFacingException(e.paths().size() + " file(s) in " + out + " were not written by watasu: "
                    + OutputException.ForeignFiles.sample(e.paths()) + "; Argo CD would apply them with the team's"
                    + " objects, so nothing was written. " + FOREIGN_FIX.formatted(out)
                    + ", or run again with --remove-foreign to delete them", ExitCodes.INVALID_INPUT, e);
        } catch (OutputException.SymbolicLink e) {
            throw new UserFacingException(e.getMessage() + "; nothing was written", ExitCodes.INVALID_INPUT, e);
        } catch (OutputException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE, e);
        }
    }

    /** How to deal with files watasu did not write in its folders; %s is the output folder. */
    private static final String FOREIGN_FIX = "Delete them, or keep your own objects in a folder outside %s"
            + " (see 'Your own objects' in docs/render.md)";

    private RenderOptions options() {
        RenderOptions options = RenderOptions.defaults();
        if (templates != null) {
            options = options.withTemplatesDir(templates);
        }
        if (argoRepo != null) {
            String path;
            try {
                path = argoPath.equals(".") ? "." : Names.repositoryPath(argoPath);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--argocd-path: " + e.getMessage());
            }
            try {
                options = options.withArgoCd(new ArgoCdSettings(argoRepo, argoBranch, path));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return options;
    }

    private static RenderedTree render(CompletableFuture<Renderer> renderer, WatasuConfig config,
                                       RenderOptions options, PreviousOutput previous, Progress progress) {
        try {
            return Background.join(renderer).render(config, options.argoCd(), previous, progress);
        } catch (RenderException e) {
            throw new UserFacingException(e.getMessage() + "; nothing written", ExitCodes.INVALID_INPUT, e);
        }
    }
}
