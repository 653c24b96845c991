package io.watasu.install;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a shell needs to find the installed command and its completion script: pure reads of the environment. */
public final class ShellSetup {
    private ShellSetup() {
    }

    /** The first folder on {@code PATH} that holds an executable {@code command}: what the shell will run. */
    public static Optional<Path> firstOnPath(String pathVariable, String command) {
        for (Path folder : folders(pathVariable)) {
            Path candidate = folder.resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code folder} is on {@code PATH} (compared as written and as the real folder). */
    public static boolean onPath(String pathVariable, Path folder) {
        return folders(pathVariable).stream().anyMatch(entry -> same(entry, folder));
    }

    /**
     * Whether bash-completion 2 finds a completion script in {@code folder} by itself: it looks in
     * {@code $BASH_COMPLETION_USER_DIR/completions} (default {@code $XDG_DATA_HOME/bash-completion/completions},
     * {@code ~/.local/share/...}), then in {@code bash-completion/completions} of every {@code $XDG_DATA_DIRS} entry
     * (default {@code /usr/local/share:/usr/share}).
     */
    public static boolean bashCompletionLoadsFrom(Path folder, Map<String, String> environment, Path home) {
        List<Path> searched = new ArrayList<>();
        String userDir = environment.get("BASH_COMPLETION_USER_DIR");
        String dataHome = environment.get("XDG_DATA_HOME");
        Path user = userDir != null && !userDir.isEmpty() ? Path.of(userDir)
                : (dataHome != null && !dataHome.isEmpty() ? Path.of(dataHome) : home.resolve(".local/share"))
                .resolve("bash-completion");
        searched.add(user.resolve("completions"));
        String dataDirs = environment.get("XDG_DATA_DIRS");
        for (Path dataDir : folders(dataDirs != null && !dataDirs.isEmpty() ? dataDirs : "/usr/local/share:/usr/share")) {
            searched.add(dataDir.resolve("bash-completion/completions"));
        }
        return searched.stream().anyMatch(dir -> same(dir, folder));
    }

    private static List<Path> folders(String list) {
        List<Path> folders = new ArrayList<>();
        if (list == null) {
            return folders;
        }
        for (String entry : list.split(File.pathSeparator)) {
            // An empty PATH entry means the current folder; it never holds an installation by design.
            if (!entry.isEmpty()) {
                try {
                    folders.add(Path.of(entry));
                } catch (RuntimeException e) {
                    // not a path on this system: cannot be the folder asked about
                }
            }
        }
        return folders;
    }

    private static boolean same(Path a, Path b) {
        if (a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize())) {
            return true;
        }
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
