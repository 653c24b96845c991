package io.watasu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a real program with a chosen environment, as a user's shell would, and keeps what it printed. */
public final class Processes {
    private static final long TIMEOUT_SECONDS = 300;

    private Processes() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }

    /**
     * An environment with nothing of the test's own but the JDK: {@code HOME} as given, {@code PATH} of the system
     * folders, {@code JAVA_HOME} the JDK running the tests, no {@code CI} and no terminal settings.
     */
    public static Map<String, String> cleanEnvironment(Path home) {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", home.toString());
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("LANG", "C.UTF-8");
        return environment;
    }

    public static Result run(Map<String, String> environment, Path workingDirectory, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("watasu-process", ".out");
        Path err = Files.createTempFile("watasu-process", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** True when {@code program} is an executable on the system PATH. */
    public static boolean available(String program) {
        for (String folder : "/usr/local/bin:/usr/bin:/bin".split(":")) {
            if (Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }
}
