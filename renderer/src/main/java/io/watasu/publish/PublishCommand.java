package io.watasu.publish;

import io.watasu.cache.CacheRoot;
import io.watasu.cli.ClusterOption;
import io.watasu.cli.ContractGate;
import io.watasu.cli.ExitCodes;
import io.watasu.cli.QuietOption;
import io.watasu.cli.ReportFormatOption;
import io.watasu.cli.ReportingCommand;
import io.watasu.cli.UserFacingException;
import io.watasu.cli.Version;
import io.watasu.concurrency.Background;
import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.files.FileProblems;
import io.watasu.files.OwnedTree;
import io.watasu.files.SymbolicLinkException;
import io.watasu.model.WatasuConfig;
import io.watasu.names.Names;
import io.watasu.output.OutputException;
import io.watasu.output.OutputWriter;
import io.watasu.output.PreviousOutput;
import io.watasu.output.RenderedFile;
import io.watasu.output.RenderedTree;
import io.watasu.output.WriteResult;
import io.watasu.progress.Progress;
import io.watasu.render.ArgoCdSettings;
import io.watasu.render.RenderException;
import io.watasu.render.RenderOptions;
import io.watasu.render.Renderer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/** {@code watasu publish}: render watasu.yaml and push the result to a GitOps repository. */
@Command(name = "publish",
        mixinStandardHelpOptions = true,
        description = {
                "Renders FILE (with the Argo CD wiring under <path>/argocd/) into <path> of a Git repository, commits "
                        + "when something changed and pushes. A push that loses a race with another publisher is "
                        + "retried on the new head (at most 8 pushes). Only files watasu wrote are ever changed or "
                        + "removed; a file in the folders under <path> that watasu did not write stops the publish "
                        + "unless --remove-foreign is given, and a symbolic link where watasu keeps its files always "
                        + "does.",
                "Without --repo it publishes to the local bare repository " + PublishCommand.EMBEDDED_REPO
                        + " (created on first use), at " + PublishCommand.EMBEDDED_PATH + ".",
                "Credentials, first match wins: --ssh-key; WATASU_GIT_TOKEN (user WATASU_GIT_USER, default "
                        + "x-access-token); user:password in the URL; a matching ~/.git-credentials line."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:published, up to date, or (--dry-run) shown",
                "1:FILE is missing or invalid, a contract violation, or files watasu did not write under --path "
                        + "(nothing pushed)",
                "2:usage error",
                "3:Git failure (repository, credentials, refused push, contention, network), a symbolic link where "
                        + "watasu keeps its files, or another failure (nothing pushed)"})
public final class PublishCommand implements Callable<Integer>, ReportingCommand {
    static final String EMBEDDED_REPO = ".watasu/gitops.git";
    static final String EMBEDDED_PATH = "clusters/dev";
    static final int MAX_TIMEOUT_SECONDS = 3600;

    @Parameters(index = "0", arity = "0..1", defaultValue = "watasu.yaml", paramLabel = "FILE",
            description = "The platform description (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = "--repo", paramLabel = "URL",
            description = "Repository: a path, file://, https:// or ssh:// URL (default: ./" + EMBEDDED_REPO + ").")
    String repo;

    @Option(names = "--branch", paramLabel = "NAME", defaultValue = "main",
            description = "Branch to publish to (default: ${DEFAULT-VALUE}); created only in an empty repository.")
    String branch;

    @Option(names = "--path", paramLabel = "DIR",
            description = "Folder in the repository for the rendered tree, e.g. clusters/prod; required with --repo "
                    + "(default without --repo: " + EMBEDDED_PATH + "). Letters, digits, '-', '_' and '.' in each "
                    + "segment; none may start with '.'.")
    String path;

    @Option(names = "--remove-foreign",
            description = "Delete files in the folders under --path that watasu did not write (and write over them), "
                    + "in the same commit, instead of refusing to publish.")
    boolean removeForeign;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "" + GitTransaction.DEFAULT_TIMEOUT_SECONDS,
            description = "Give up on a Git server that sends nothing for this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where the clone is kept between runs (default: ~/.cache/watasu/publish/<hash of URL and "
                    + "branch>, or .watasu/cache/gitops without --repo).")
    Path cacheDir;

    @CommandLine.Mixin
    ClusterOption cluster;

    @Option(names = "--dry-run", description = "Show the files that would change and the commit subject; push nothing.")
    boolean dryRun;

    @Option(names = "--message-trailer", paramLabel = "KEY=VALUE",
            description = "Extra commit trailer, repeatable (e.g. CI-Run=https://ci.example.com/run/42).")
    List<String> extraTrailers = new ArrayList<>();

    @CommandLine.Mixin
    GitAccessOptions access;

    @CommandLine.Mixin
    QuietOption quiet;

    @CommandLine.Mixin
    ReportFormatOption format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Map<String, String> environment;
    private final Path home;

    public PublishCommand() {
        // $HOME first, as Git does for ~/.git-credentials; Java's user.home ignores it.
        this(System.getenv(), Path.of(Optional.ofNullable(System.getenv("HOME")).filter(h -> !h.isBlank())
                .orElse(System.getProperty("user.home"))));
    }

    PublishCommand(Map<String, String> environment, Path home) {
        this.environment = environment;
        this.home = home;
    }

    @Override
    public Integer call() throws IOException {
        try (Progress progress = quiet.progress(spec.commandLine())) {
            return publish(progress);
        }
    }

    private int publish(Progress progress) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Target target = target();
        List<CommitMessage.Trailer> trailers = trailers();
        // watasu.yaml loads on one core while Git opens the cache and fetches; the edit waits for it, and an
        // invalid file stops the edit before anything is committed.
        CompletableFuture<LoadResult> loading = Background.start("load", () -> ConfigLoader.load(file));
        CompletableFuture<Renderer> renderer = Background.start("templates", () -> Renderer.of(RenderOptions.defaults()));
        if (target.embedded().isPresent()) {
            // A local try-out: nothing is created in the current folder for a file that does not load.
            if (!Background.join(loading).ok()) {
                return invalid(Background.join(loading), err, target);
            }
            createEmbeddedRepository(target.embedded().get(), branch);
        }

        GitCredentials credentials = access.credentials(target.url(), environment, home);
        PublishResult result = GitTransaction.to(target.url())
                .branch(branch)
                .credentials(credentials)
                .author(access.authorName(environment), access.authorEmail(environment))
                .cacheDirectory(target.cacheDir())
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .dryRun(dryRun)
                .progress(line -> {
                    progress.clear();
                    if (!quiet.on()) {
                        err.println("watasu: " + line);
                    }
                })
                .steps(step -> progress.step(step.name().toLowerCase(Locale.ROOT), 0))
                .edit(worktree -> {
                    OwnedTree folder = renderFolder(worktree, target.path());
                    // The earlier output in the fetched head is checked while watasu.yaml may still be loading.
                    PreviousOutput previous = PreviousOutput.in(folder);
                    WatasuConfig config = Background.join(loading).config();
                    if (config == null) {
                        throw new InvalidConfig();
                    }
                    progress.clear();
                    if (!quiet.on()) {
                        err.println("watasu: rendering " + config.teams().size() + " team(s), "
                                + config.apps().count() + " app(s)");
                    }
                    return renderInto(folder, config, Background.join(renderer), previous, target, trailers, err,
                            progress);
                })
                .call();
        progress.clear();
        LoadResult loaded = Background.join(loading);
        if (!format.text()) {
            return PublishReport.print(this, loaded, result, target, branch);
        }
        if (!loaded.ok()) {
            return invalid(loaded, err, target);
        }
        loaded.diagnostics().forEach(d -> err.println(d.format()));
        return report(result, target, out);
    }

    private int invalid(LoadResult loaded, PrintWriter err, Target target) {
        if (!format.text()) {
            return PublishReport.print(this, loaded, null, target, branch);
        }
        loaded.diagnostics().forEach(d -> err.println(d.format()));
        err.println("watasu: " + loaded.errors().size() + " error(s) in " + file + "; nothing published");
        return ExitCodes.INVALID_INPUT;
    }

    /**
     * The folder of the work tree the tree is rendered into. Nothing on the way to it, and nothing in it, may be a
     * symbolic link: a link committed to the repository must not lead a publish to write elsewhere.
     */
    private static OwnedTree renderFolder(Path worktree, String path) {
        try {
            return OwnedTree.at(worktree, "").subtree(path);
        } catch (SymbolicLinkException e) {
            throw symbolicLink(e.path(), e);
        } catch (IOException e) {
            throw new UserFacingException("cannot use " + path + " in the repository: " + FileProblems.describe(e)
                    + "; the folder for the rendered tree must be a folder", ExitCodes.FAILURE, e);
        }
    }

    private static UserFacingException symbolicLink(String path, Exception cause) {
        return new UserFacingException("the repository holds a symbolic link at " + path + ", where watasu keeps its"
                + " files; watasu never follows links there. Replace it with a real folder or file (or delete it:"
                + " git rm " + path + ") on the branch and publish again; nothing was pushed", ExitCodes.FAILURE, cause);
    }

    @Override
    public ReportFormatOption reportFormat() {
        return format;
    }

    @Override
    public String reportName() {
        return "publish";
    }

    @Override
    public String reportFile() {
        return file.toString();
    }

    CommandLine commandLine() {
        return spec.commandLine();
    }

    /** The edit's way of stopping on an invalid watasu.yaml; its diagnostics are printed once, afterwards. */
    private static final class InvalidConfig extends Exception {
        InvalidConfig() {
            super("watasu.yaml is invalid", null, false, false);
        }
    }


    /**
     * Where to publish.
     *
     * @param url        the URL or path as given (it may carry credentials)
     * @param displayUrl the URL to print: no credentials, and the embedded repository relative to the current folder
     * @param argoCdUrl  the URL Argo CD reads: no credentials, and the embedded repository as an absolute path
     * @param embedded   the embedded repository, when no --repo was given
     */
    record Target(String url, String displayUrl, String argoCdUrl, String path, Path cacheDir,
                  Optional<Path> embedded) {
    }

    private Target target() {
        String folder = path != null ? path : repo == null ? EMBEDDED_PATH : null;
        if (folder == null) {
            throw new UserFacingException(
                    "--path is required with --repo: the folder in the repository for the rendered tree, "
                            + "e.g. --path clusters/prod", ExitCodes.USAGE);
        }
        if (!Repository.isValidRefName(Constants.R_HEADS + branch)) {
            throw new UserFacingException("--branch: not a valid branch name: " + branch, ExitCodes.USAGE);
        }
        String normalized;
        try {
            normalized = Names.repositoryPath(folder);
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--path: " + e.getMessage(), ExitCodes.USAGE);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new UserFacingException("--timeout: give a number of seconds from 1 to " + MAX_TIMEOUT_SECONDS
                    + ", e.g. --timeout 60", ExitCodes.USAGE);
        }
        if (repo == null) {
            Path bare = Path.of(EMBEDDED_REPO).toAbsolutePath();
            Path cache = cacheDir != null ? cacheDir : Path.of(".watasu", "cache", "gitops").toAbsolutePath();
            return new Target(bare.toString(), EMBEDDED_REPO, bare.toString(), normalized, cache, Optional.of(bare));
        }
        String display;
        try {
            display = RemoteUrl.parse(repo).toString();
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("--repo: " + e.getMessage(), ExitCodes.USAGE);
        }
        Path cache = cacheDir != null ? cacheDir : defaultCacheRoot().resolve(shortHash(display + "\n" + branch));
        return new Target(repo, display, display, normalized, cache, Optional.empty());
    }

    /** Creates the local repository with HEAD naming the branch publish pushes, so that `git log` works there. */
    private static void createEmbeddedRepository(Path bare, String branch) throws IOException {
        if (Files.exists(bare.resolve("HEAD"))) {
            return;
        }
        Files.createDirectories(bare);
        try (Git git = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(branch).call()) {
            // Pushes reach this repository in-process, so its occasional automatic gc must run to the end before
            // the publish exits, not in a background thread that the exit would kill.
            StoredConfig config = git.getRepository().getConfig();
            config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            config.save();
        } catch (GitAPIException e) {
            throw new UserFacingException("cannot create the local repository " + EMBEDDED_REPO + ": "
                    + e.getMessage() + " (check that the current directory is writable)", ExitCodes.FAILURE, e);
        }
    }

    private Path defaultCacheRoot() {
        return CacheRoot.of(environment, home).resolve("publish");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    private List<CommitMessage.Trailer> trailers() {
        List<CommitMessage.Trailer> trailers = new ArrayList<>();
        SourceCheckout.containing(file).ifPresent(source -> {
            source.repoUrl().ifPresent(url -> trailers.add(new CommitMessage.Trailer("Watasu-Source-Repo", url)));
            trailers.add(new CommitMessage.Trailer("Watasu-Source-Commit", source.commit()));
        });
        trailers.add(new CommitMessage.Trailer("Watasu-Version", Version.current()));
        for (String extra : extraTrailers) {
            int separator = extra.indexOf('=');
            try {
                trailers.add(new CommitMessage.Trailer(extra.substring(0, Math.max(separator, 0)).strip(),
                        extra.substring(separator + 1).strip()));
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("--message-trailer wants KEY=VALUE with a key of letters, digits "
                        + "and '-' and a one-line value: " + extra, ExitCodes.USAGE);
            }
        }
        return trailers;
    }

    /**
     * The edit, run on the fetched head (again after a lost race): render against the folder's previous output so
     * unchanged files are reused, let the verifier check what changed, then write.
     */
    private Optional<CommitMessage> renderInto(OwnedTree folder, WatasuConfig config, Renderer renderer,
                                               PreviousOutput previous, Target target,
                                               List<CommitMessage.Trailer> trailers, PrintWriter err,
                                               Progress progress) throws IOException {
        cluster.views(config);
        RenderedTree tree = cluster.narrow(render(renderer, config, target, previous, progress));
        ContractGate.check(config, tree, progress);
        Optional<CommitMessage> message = writeTree(folder, tree, config, target.path(), trailers, err, progress);
        progress.step("staging the changes", 0);
        return message;
    }

    private RenderedTree render(Renderer renderer, WatasuConfig config, Target target, PreviousOutput previous,
                                Progress progress) {
        try {
            ArgoCdSettings argoCd = new ArgoCdSettings(target.argoCdUrl(), branch, target.path());
            return renderer.render(config, Optional.of(argoCd), previous, progress);
        } catch (RenderException | IllegalArgumentException e) {
            throw new UserFacingException("cannot render " + file + ": " + e.getMessage(), ExitCodes.FAILURE, e);
        }
    }

    /** The edit: the rendered tree into the folder, owned files only; the message names what changed. */
    private Optional<CommitMessage> writeTree(OwnedTree folder, RenderedTree tree, WatasuConfig config, String path,
                                              List<CommitMessage.Trailer> trailers, PrintWriter err,
                                              Progress progress) {
        progress.step("writing files", 0);
        WriteResult written;
        try {
            written = (removeForeign ? new OutputWriter().removingForeignFiles() : new OutputWriter())
                    .within(cluster.scope()).write(tree, folder);
        } catch (OutputException.ForeignFiles e) {
            throw new UserFacingException(e.paths().size() + " file(s) under " + path + " in the repository were"
                    + " not written by watasu: " + OutputException.ForeignFiles.sample(e.paths().stream()
                    .map(p -> path + "/" + p).toList()) + "; Argo CD would apply them with the team's objects, so"
                    + " nothing was pushed. Delete them on the branch, keep your own objects in a folder outside "
                    + path + " (see 'Your own objects' in docs/publish.md), or publish again with --remove-foreign"
                    + " to delete them in the same commit", ExitCodes.INVALID_INPUT, e);
        } catch (OutputException.SymbolicLink e) {
            throw symbolicLink(e.path(), e);
        } catch (OutputException e) {
            throw new UserFacingException(e.getMessage(), ExitCodes.FAILURE, e);
        }
        progress.clear();
        written.handEdited().forEach(p -> err.println("watasu: warning: replaced " + p + ", which had been "
                + "edited by hand in the repository"));
        written.foreign().forEach(p -> err.println("watasu: warning: removed " + path + "/" + p
                + ", which watasu had not written"));
        List<PathChange> changes = new ArrayList<>();
        Set<String> created = Set.copyOf(written.created());
        written.written().forEach(p -> changes.add(new PathChange(
                created.contains(p) ? PathChange.Type.ADDED : PathChange.Type.MODIFIED, p)));
        written.removed().forEach(p -> changes.add(new PathChange(PathChange.Type.DELETED, p)));
        if (changes.isEmpty() && written.foreign().isEmpty()) {
            return Optional.empty();
        }
        PublishSummary summary = new PublishSummary(config.teams().size(), (int) config.apps().count(), changes,
                written.foreign());
        return Optional.of(summary.message(trailers));
    }

    private int report(PublishResult result, Target target, PrintWriter out) {
        String where = target.displayUrl() + " (branch " + branch + ", " + target.path() + ")";
        if (result instanceof PublishResult.Pushed pushed) {
            out.println("published " + pushed.commit().abbreviate(12).name() + " to " + where + ": "
                    + pushed.message().subject() + "; " + pushed.changes().size() + " file(s) changed");
            if (target.embedded().isPresent()) {
                out.println("look at it with: git -C " + EMBEDDED_REPO + " log --stat -1");
            }
        } else if (result instanceof PublishResult.NoChange) {
            out.println("up to date: " + where + " already holds this render; nothing pushed");
        } else if (result instanceof PublishResult.DryRun dry) {
            dry.changes().forEach(out::println);
            out.println("dry run: would commit \"" + dry.message().subject() + "\" (" + dry.changes().size()
                    + " file(s)) to " + where + "; nothing pushed");
        } else if (result instanceof PublishResult.Failed failed) {
            if (failed.failure().cause() instanceof UserFacingException userFacing) {
                throw userFacing;
            }
            throw new UserFacingException(failed.failure().message(), ExitCodes.FAILURE);
        }
        return ExitCodes.OK;
    }
}
