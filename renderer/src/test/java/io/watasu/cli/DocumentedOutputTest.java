package io.watasu.cli;

import io.watasu.testing.CliRun;
import io.watasu.testing.Examples;
import io.watasu.testing.TestData;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output that the README and docs/ quote is what the commands print. */
class DocumentedOutputTest {
    /** {@code watasu apps:trust --app grpc-app   # prints: grpc-app trusts: ...}, quotes optional. */
    private static final Pattern TRUST_SAMPLE =
            Pattern.compile("watasu (apps:trust --app \\S+)\\s+# prints?:? \"?([^\"]+?)\"?$");

    @TempDir
    Path dir;

    private static List<String> pages() throws IOException {
        Path root = TestData.repoRoot();
        List<String> texts = new ArrayList<>(List.of(Files.readString(root.resolve("README.md"))));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            for (Path page : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                texts.add(Files.readString(page));
            }
        }
        return texts;
    }

    /** The samples describe the example, like the README's reference section. */
    @Test
    void appsTrustSamplesPrintWhatTheyQuote() throws IOException {
        int samples = 0;
        for (String page : pages()) {
            for (String line : page.split("\n")) {
                Matcher sample = TRUST_SAMPLE.matcher(line.strip());
                if (!sample.find()) {
                    continue;
                }
                samples++;
                List<String> args = new ArrayList<>(List.of(sample.group(1).split(" ")));
                args.addAll(List.of("--file", Examples.exampleFile().toString()));
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertEquals(0, run.exitCode(), run.stderr());
                assertEquals(sample.group(2) + "\n", run.stdout(), line);
            }
        }
        assertTrue(samples >= 2, "samples found: " + samples);
    }

    /**
     * docs/publish.md shows a publish's progress lines: they come in that order (watasu.yaml loads while Git
     * fetches, so "fetching" is printed before "rendering").
     */
    @Test
    void publishPrintsItsStepsInTheDocumentedOrder() throws Exception {
        String page = Files.readString(TestData.repoRoot().resolve("docs/publish.md"));
        String sample = page.substring(page.indexOf("```console"), page.indexOf("```", page.indexOf("```console") + 3));
        List<String> documented = steps(sample);
        assertTrue(documented.size() >= 4, documented.toString());

        Path bare = dir.resolve("gitops.git");
        Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
        CliRun run = CliRun.of("publish", Examples.exampleFile().toString(), "--repo", bare.toString(),
                "--path", "clusters/prod", "--cache-dir", dir.resolve("cache").toString());
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(documented, steps(run.stderr() + run.stdout()));
    }

    /** The first word of each progress line ("watasu: fetching ...") and of the result line ("published ..."). */
    private static List<String> steps(String output) {
        List<String> steps = new ArrayList<>();
        Matcher line = Pattern.compile("(?m)^(?:watasu: )?(fetching|rendering|committing|pushing|published)\\b")
                .matcher(output);
        while (line.find()) {
            steps.add(line.group(1));
        }
        return steps;
    }
}
