package io.watasu;

import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package map of docs/architecture.md is what the code does. Reads the sources of both modules (their code, not
 * their comments or strings) and collects which watasu packages and whether SnakeYAML each package uses; plain text
 * is enough for that, so no bytecode library is needed.
 */
class ArchitectureTest {
    private static final String SNAKEYAML = "org.yaml.snakeyaml";
    /** Packages outside the command line that still use it; shrinks to nothing. */
    private static final Set<String> CLI_USERS_PENDING = Set.of("store");
    private static final Pattern WATASU_REFERENCE =
            Pattern.compile("\\bio\\.watasu\\.((?:bridge\\.)?[a-z][a-z0-9]*)(?=\\.(?:[a-z][a-z0-9]*\\.)*[A-Z*])");
    private static final Pattern MAP_ROW = Pattern.compile("^\\| `io\\.watasu\\.([a-z.]+)` \\| ([^|]+) \\| ([^|]+) \\|$");

    private static final Map<String, Uses> CODE = scanSources();

    @Test
    void everyPackageUsesOnlyWhatItsLineInThePackageMapAllows() {
        Map<String, Set<String>> map = packageMap();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Uses> entry : CODE.entrySet()) {
            Set<String> allowed = map.get(entry.getKey());
            if (allowed == null) {
                problems.add("io.watasu." + entry.getKey() + " has no line in docs/architecture.md");
                continue;
            }
            Set<String> extra = new TreeSet<>(entry.getValue().packages());
            extra.removeAll(allowed);
            if (!extra.isEmpty()) {
                problems.add("io.watasu." + entry.getKey() + " uses " + extra + ", which its line does not list");
            }
        }
        for (String mapped : map.keySet()) {
            if (!CODE.containsKey(mapped) && !mapped.equals("bridge.proto")) {
                problems.add("docs/architecture.md lists io.watasu." + mapped + ", which has no sources");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void nothingOutsideTheCommandLineUsesIt() {
        assertEquals(CLI_USERS_PENDING, usersOf("cli"));
    }

    @Test
    void theVerifierSharesNoCodeWithTheGenerator() {
        Set<String> used = CODE.get("verify").packages();
        for (String generator : List.of("plan", "render", "output")) {
            assertTrue(!used.contains(generator), "io.watasu.verify uses io.watasu." + generator);
        }
    }

    @Test
    void theModelDependsOnNothing() {
        assertEquals(Set.of(), CODE.get("model").packages());
    }

    @Test
    void onlyTheYamlPackageUsesSnakeYaml() {
        Set<String> users = CODE.entrySet().stream().filter(e -> e.getValue().snakeYaml()).map(Map.Entry::getKey)
                .filter(p -> !p.equals("yaml")).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), users, "read YAML text through io.watasu.yaml");
    }

    @Test
    void commentsAndStringsDoNotCountAsUse() {
        String code = codeOf("""
                /** {@link io.watasu.cli.Main} */ // io.watasu.plan.PolicyPlanner
                String s = "io.watasu.render.Renderer \\" org.yaml.snakeyaml"; char c = '"';
                io.watasu.names.Names.boundedName(s);
                """);
        Matcher matcher = WATASU_REFERENCE.matcher(code);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        assertEquals(List.of("names"), found);
        assertTrue(!code.contains(SNAKEYAML), code);
    }

    private static Set<String> usersOf(String target) {
        return CODE.entrySet().stream().filter(e -> !e.getKey().equals(target))
                .filter(e -> e.getValue().packages().contains(target)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private record Uses(Set<String> packages, boolean snakeYaml) {
    }

    private static Map<String, Set<String>> packageMap() {
        Map<String, Set<String>> map = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(TestData.repoRoot().resolve("docs/architecture.md"))) {
                Matcher row = MAP_ROW.matcher(line);
                if (row.matches()) {
                    Set<String> uses = new TreeSet<>();
                    for (String use : row.group(3).trim().split(",\\s*")) {
                        if (!use.equals("—")) {
                            uses.add(use.replace("`", "").trim());
                        }
                    }
                    map.put(row.group(1), uses);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertTrue(map.size() > 20, "the package map table was not found in docs/architecture.md");
        return map;
    }

    private static Map<String, Uses> scanSources() {
        Map<String, Set<String>> packages = new TreeMap<>();
        Set<String> snakeYaml = new TreeSet<>();
        for (String module : List.of("renderer", "bridge")) {
            Path root = TestData.repoRoot().resolve(module).resolve("src/main/java");
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                    assertTrue(pkg.startsWith("io.watasu."), file.toString());
                    pkg = pkg.substring("io.watasu.".length());
                    String code = codeOf(Files.readString(file));
                    Set<String> used = packages.computeIfAbsent(pkg, p -> new TreeSet<>());
                    Matcher matcher = WATASU_REFERENCE.matcher(code);
                    while (matcher.find()) {
                        if (!matcher.group(1).equals(pkg)) {
                            used.add(matcher.group(1));
                        }
                    }
                    if (code.contains(SNAKEYAML)) {
                        snakeYaml.add(pkg);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Map<String, Uses> uses = new TreeMap<>();
        packages.forEach((pkg, used) -> uses.put(pkg, new Uses(used, snakeYaml.contains(pkg))));
        return uses;
    }

    /** The source with comments, string, text block and character literals blanked out. */
    private static String codeOf(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (source.startsWith("//", i)) {
                i = skipTo(source, "\n", i + 2) - 1;
            } else if (source.startsWith("/*", i)) {
                i = skipTo(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = skipLiteral(source, "\"\"\"", i + 3);
            } else if (c == '"' || c == '\'') {
                i = skipLiteral(source, String.valueOf(c), i + 1);
            } else {
                code.append(c);
                i++;
                continue;
            }
            code.append(' ');
            i++;
        }
        return code.toString();
    }

    private static int skipTo(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length() - 1;
    }

    /** Index of the last character of the literal's closing quote, escapes honoured. */
    private static int skipLiteral(String source, String quote, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length() - 1;
            } else {
                i++;
            }
        }
        return source.length();
    }
}
