package io.watasu.cli;

import io.watasu.testing.TestData;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README and docs/ name only commands and options the command line has: a renamed or removed option fails
 * here until the docs follow. Read from the code in the docs (code blocks and `inline code`), where a reader copies
 * command lines from.
 */
class DocumentedOptionsTest {
    /** Options of other programs that the docs show, each with its program. */
    private static final Map<String, String> OTHER_PROGRAMS = Map.ofEntries(
            Map.entry("--stat", "git log"),
            Map.entry("--auto", "git gc"),
            Map.entry("--system", "git config"),
            Map.entry("--only", "git commit"),
            Map.entry("--bare", "git init"),
            Map.entry("--username", "argocd repo add"),
            Map.entry("--password", "argocd repo add"),
            Map.entry("--body-file", "gh pr comment"),
            Map.entry("--edit-last", "gh pr comment"),
            Map.entry("--add-label", "gh pr edit"),
            Map.entry("--dirpath", "netpol-analyzer list"),
            Map.entry("--change", "bench/generate-platform.py"),
            Map.entry("--all-settings", "bench/generate-platform.py"),
            Map.entry("--show-labels", "kubectl get"),
            Map.entry("--rm", "kubectl run"),
            Map.entry("--restart", "kubectl run"),
            Map.entry("--image", "kubectl run"),
            Map.entry("--labels", "kubectl run"),
            Map.entry("--grant", "bench/generate-platform.py"),
            Map.entry("--domain", "bench/generate-platform.py"),
            Map.entry("--guardrails", "bench/generate-platform.py"),
            Map.entry("--baseline", "bench/render-settings-bench.sh"),
            Map.entry("--write-class-archive", "terraform-provider-watasu"),
            Map.entry("--add-opens", "java"),
            Map.entry("--enable-progressive-syncs", "argocd-applicationset-controller"),
            Map.entry("--name", "argocd cluster add"),
            Map.entry("--cascade", "kubectl delete"));
    private static final Pattern INVOCATION = Pattern.compile("(?<![\\w.-])watasu ([a-z][a-z:-]*|-\\S*)(.*)");
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])--[a-z][a-z0-9-]*");

    /** A piece of code in a page, with where it is. */
    private record Code(String page, int line, String text) {
        String where() {
            return page + ":" + line;
        }
    }

    private static List<Code> codeInDocs() throws IOException {
        Path root = TestData.repoRoot();
        List<Path> pages = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<Code> code = new ArrayList<>();
        for (Path page : pages) {
            String name = root.relativize(page).toString();
            boolean fenced = false;
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.startsWith("```")) {
                    fenced = !fenced;
                } else if (fenced || line.startsWith("    ")) {
                    code.add(new Code(name, i + 1, line));
                } else {
                    String[] parts = line.split("`", -1);
                    for (int part = 1; part < parts.length; part += 2) {
                        code.add(new Code(name, i + 1, parts[part]));
                    }
                }
            }
        }
        return code;
    }

    /** The options of a command, with the standard --help and --version. */
    private static Set<String> optionsOf(CommandLine command) {
        Set<String> names = new TreeSet<>();
        command.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
        return names;
    }

    @Test
    void everyOptionOnAWatasuCommandLineBelongsToThatCommand() throws IOException {
        Map<String, CommandLine> commands = Main.commandLine().getSubcommands();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Code code : codeInDocs()) {
            if (code.text().stripLeading().startsWith("watasu: ")) {
                continue; // a message watasu prints, not a command line
            }
            Matcher invocation = INVOCATION.matcher(code.text());
            while (invocation.find()) {
                String command = invocation.group(1);
                if (command.startsWith("-")) {
                    continue;
                }
                if (!commands.containsKey(command)) {
                    wrong.add(code.where() + ": no command '" + command + "' in: " + code.text().strip());
                    continue;
                }
                // The command line ends at a comment, a pipe, a redirection or the next command.
                String arguments = invocation.group(2).split(" #| \\| | > | >> |&&|\\|\\|")[0];
                Matcher option = OPTION.matcher(arguments);
                while (option.find()) {
                    checked++;
                    if (!optionsOf(commands.get(command)).contains(option.group())) {
                        wrong.add(code.where() + ": watasu " + command + " has no option " + option.group());
                    }
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(checked > 40, "options checked: " + checked);
    }

    @Test
    void everyOptionInTheDocsBelongsToSomeCommandOrANamedProgram() throws IOException {
        Set<String> known = new TreeSet<>(optionsOf(Main.commandLine()));
        Main.commandLine().getSubcommands().values().forEach(command -> known.addAll(optionsOf(command)));
        List<String> unknown = new ArrayList<>();
        for (Code code : codeInDocs()) {
            Matcher option = OPTION.matcher(code.text());
            while (option.find()) {
                if (!known.contains(option.group()) && !OTHER_PROGRAMS.containsKey(option.group())) {
                    unknown.add(code.where() + ": " + option.group() + " in: " + code.text().strip());
                }
            }
        }
        assertEquals(List.of(), unknown);
    }

    /** docs/publish.md's table of options lists publish's options, and all of them. */
    @Test
    void thePublishPageListsEveryPublishOption() throws IOException {
        String page = Files.readString(TestData.repoRoot().resolve("docs/publish.md"));
        String table = page.substring(page.indexOf("## Options"));
        table = table.substring(0, table.indexOf("\n\n", table.indexOf("|")));
        Set<String> listed = new TreeSet<>();
        Matcher option = OPTION.matcher(table);
        while (option.find()) {
            listed.add(option.group());
        }
        Set<String> options = optionsOf(Main.commandLine().getSubcommands().get("publish"));
        options.removeAll(List.of("--help", "--version", "-h", "-V"));
        assertEquals(options, listed);
    }
}
