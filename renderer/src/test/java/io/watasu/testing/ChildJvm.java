package io.watasu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A class of the test class path run in a JVM of its own: for a working directory or environment the test's JVM
 * cannot change, and for runs that are killed ({@code kill -9}) at a chosen moment. The home folder (and the cache
 * folder in it) is {@code home}, and the caller's Git credentials never leak in.
 */
public record ChildJvm(Path workDir, Path home, Map<String, String> environment) {
    /** A started child; what it prints goes to the files {@code stdout} and {@code stderr}. */
    public record Child(Process process, Path stdout, Path stderr) {
        /** kill -9, and wait until it is gone. */
        public void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }

        /** Waits until the child has printed at least {@code lines} lines on stdout (it is past its start-up). */
        public void awaitLines(int lines) throws IOException, InterruptedException {
            for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120); ; Thread.sleep(20)) {
                if (Files.readAllLines(stdout).size() >= lines) {
                    return;
                }
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("the child printed too little: " + Files.readString(stdout)
                            + Files.readString(stderr));
                }
            }
        }
    }

    /** Starts {@code mainClass} with {@code args}. */
    public Child start(String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home, "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().keySet().removeIf(key -> key.startsWith("WATASU_GIT_"));
        builder.environment().put("HOME", home.toString());
        builder.environment().put("XDG_CACHE_HOME", home.resolve(".cache").toString());
        builder.environment().putAll(environment);
        Files.createDirectories(home);
        Path stdout = Files.createTempFile(home, "child", ".out");
        Path stderr = Files.createTempFile(home, "child", ".err");
        builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
        return new Child(builder.start(), stdout, stderr);
    }

    /** Runs the {@code watasu} command line to the end. */
    public CliRun watasu(String... args) throws IOException, InterruptedException {
        Child child = start("io.watasu.cli.Main", args);
        if (!child.process().waitFor(120, TimeUnit.SECONDS)) {
            child.kill();
            throw new AssertionError("watasu did not finish: " + String.join(" ", args));
        }
        return new CliRun(child.process().exitValue(), Files.readString(child.stdout(), StandardCharsets.UTF_8),
                Files.readString(child.stderr(), StandardCharsets.UTF_8));
    }
}
