package io.watasu.edit;

import io.watasu.config.ConfigLoader;
import io.watasu.config.LoadResult;
import io.watasu.model.App;
import io.watasu.model.Platform;
import io.watasu.model.Process;
import io.watasu.model.Team;
import io.watasu.model.WatasuConfig;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Generated files in many layouts (flow and block, quoted keys, comments, blank lines, CRLF, no final newline,
 * '---', indentation of 2 or 4) go through random sequences of edits. After every edit the loader must read exactly
 * the model the test expects, and every changed line must lie inside the edited node of the previous text (located
 * here independently, with SnakeYAML's composer).
 */
class EditPropertiesTest {
    private static final String FILE = "watasu.yaml";
    private static final int FILES = 150;
    private static final int EDITS_PER_FILE = 6;
    private static final List<String> COMMANDS = List.of("bundle exec puma", "node server.js", "./bin/run --fast",
            "python -m app", "java -jar app.jar");

    @Test
    void anySequenceOfEditsYieldsTheIntendedModelAndTouchesOnlyTheEditedNode() {
        for (int seed = 0; seed < FILES; seed++) {
            Random random = new Random(seed);
            List<Team> model = generateModel(random);
            String text = new Layout(random).write(model);
            assertEquals(config(model), load(text, seed, "generated file"), "seed " + seed + ": generated file");
            for (int step = 0; step < EDITS_PER_FILE; step++) {
                String context = "seed " + seed + " step " + step;
                Edit edit = randomEdit(random, model);
                String after;
                try {
                    after = edit.apply(text);
                } catch (EditRefusedException e) {
                    fail(context + ": " + edit + " refused: " + e.getMessage() + "\n" + text);
                    return;
                }
                assertEquals(config(edit.model()), load(after, seed, context), context + ": " + edit + "\n" + after);
                assertOnlyLinesChangedWithin(text, after, edit.scope(text), context + ": " + edit);
                model = edit.model();
                text = after;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- the model

    private static List<Team> generateModel(Random random) {
        List<Team> teams = new ArrayList<>();
        int appNumber = 0;
        for (int t = 0, teamCount = 1 + random.nextInt(2); t < teamCount; t++) {
            List<App> apps = new ArrayList<>();
            for (int a = 0, appCount = 1 + random.nextInt(4); a < appCount; a++) {
                apps.add(new App("team" + t, "app" + appNumber++, randomProcesses(random), List.of()));
            }
            List<App> withTrust = new ArrayList<>();
            for (App app : apps) {
                withTrust.add(app.withTrust(randomTrust(random, apps, app.name())));
            }
            teams.add(new Team("team" + t, withTrust));
        }
        return teams;
    }

    private static List<Process> randomProcesses(Random random) {
        List<Process> processes = new ArrayList<>();
        if (random.nextBoolean()) {
            processes.add(new Process("web", pick(random, COMMANDS), Process.DEFAULT_PORT));
        }
        if (random.nextBoolean() || processes.isEmpty()) {
            processes.add(new Process("grpc-tcp", pick(random, COMMANDS), 1024 + random.nextInt(50000)));
        }
        if (random.nextInt(3) == 0) {
            processes.add(new Process("worker", pick(random, COMMANDS), Process.DEFAULT_PORT));
        }
        return processes;
    }

    private static List<String> randomTrust(Random random, List<App> teamApps, String self) {
        List<String> candidates = new ArrayList<>(teamApps.stream().map(App::name).filter(n -> !n.equals(self)).toList());
        Collections.shuffle(candidates, random);
        return List.copyOf(candidates.subList(0, random.nextInt(candidates.size() + 1)));
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }

    private static WatasuConfig config(List<Team> teams) {
        return new WatasuConfig(WatasuConfig.CURRENT_VERSION, Platform.defaults(), teams);
    }

    private static WatasuConfig load(String text, int seed, String context) {
        LoadResult result = ConfigLoader.parse(FILE, text);
        assertTrue(result.ok(), "seed " + seed + " " + context + ": " + result.errors() + "\n" + text);
        return result.config();
    }

    // ---------------------------------------------------------------------------------------------- the edits

    /** An edit, the model it must produce, and the path of the node it may change. */
    private record Edit(String description, List<Team> model, List<String> scopePath, EditFunction function) {
        String apply(String text) {
            return function.apply(text);
        }

        LineRange scope(String text) {
            return LineRange.of(text, scopePath);
        }

        @Override
        public String toString() {
            return description;
        }
    }

    @FunctionalInterface
    private interface EditFunction {
        String apply(String text);
    }

    private static Edit randomEdit(Random random, List<Team> model) {
        List<App> apps = model.stream().flatMap(t -> t.apps().stream()).toList();
        int kind = random.nextInt(10);
        if (kind < 5 && !apps.isEmpty()) {
            App app = pick(random, apps);
            Team team = model.stream().filter(t -> t.name().equals(app.team())).findFirst().orElseThrow();
            List<String> trusted = randomTrust(random, team.apps(), app.name());
            if (random.nextBoolean()) {
                // The CLI's shape: keep the current entries, add new ones at the end.
                List<String> grown = new ArrayList<>(app.trust());
                trusted.stream().filter(n -> !grown.contains(n)).forEach(grown::add);
                trusted = List.copyOf(grown);
            }
            List<String> finalTrusted = trusted;
            return new Edit("setTrust " + app.name() + " " + trusted, replace(model, app.withTrust(trusted)),
                    List.of("teams", app.team(), "apps", app.name()),
                    text -> CheckedEdits.setTrust(FILE, text, app.name(), finalTrusted).text());
        }
        if (kind < 8 || apps.size() < 2) {
            boolean existing = !apps.isEmpty() && random.nextBoolean();
            List<Process> processes = randomProcesses(random);
            Map<String, ProcessSpec> specs = new LinkedHashMap<>();
            processes.forEach(p -> specs.put(p.name(), new ProcessSpec(p.command(), p.port())));
            if (existing) {
                App app = pick(random, apps);
                return new Edit("upsert existing " + app.name(), replace(model, app.withProcesses(processes)),
                        List.of("teams", app.team(), "apps", app.name()),
                        text -> CheckedEdits.upsertApp(FILE, text, app.team(), app.name(), specs).text());
            }
            String team = "team" + random.nextInt(model.size() + 1);
            String name = "new" + apps.size() + "-" + random.nextInt(1000);
            App app = new App(team, name, processes, List.of());
            boolean teamExists = model.stream().anyMatch(t -> t.name().equals(team));
            return new Edit("upsert new " + team + "/" + name, add(model, app),
                    teamExists ? List.of("teams", team) : List.of("teams"),
                    text -> CheckedEdits.upsertApp(FILE, text, team, name, specs).text());
        }
        List<App> untrusted = apps.stream()
                .filter(a -> apps.stream().noneMatch(other -> other.trust().contains(a.name())))
                .filter(a -> model.stream().filter(t -> t.name().equals(a.team())).findFirst().orElseThrow().apps().size() > 1)
                .toList();
        if (untrusted.isEmpty()) {
            App app = pick(random, apps);
            return new Edit("clear trust of " + app.name(), replace(model, app.withTrust(List.of())),
                    List.of("teams", app.team(), "apps", app.name()),
                    text -> CheckedEdits.setTrust(FILE, text, app.name(), List.of()).text());
        }
        App app = pick(random, untrusted);
        return new Edit("remove " + app.name(), remove(model, app.name()), List.of("teams", app.team(), "apps", app.name()),
                text -> CheckedEdits.removeApp(FILE, text, app.name()).text());
    }

    private static List<Team> replace(List<Team> model, App changed) {
        return model.stream().map(t -> new Team(t.name(), t.apps().stream()
                .map(a -> a.name().equals(changed.name()) ? changed : a).toList())).toList();
    }

    private static List<Team> add(List<Team> model, App app) {
        List<Team> teams = new ArrayList<>(model);
        int index = teams.stream().map(Team::name).toList().indexOf(app.team());
        if (index < 0) {
            teams.add(new Team(app.team(), List.of(app)));
        } else {
            List<App> apps = new ArrayList<>(teams.get(index).apps());
            apps.add(app);
            teams.set(index, new Team(app.team(), apps));
        }
        return teams;
    }

    private static List<Team> remove(List<Team> model, String app) {
        return model.stream().map(t -> new Team(t.name(), t.apps().stream()
                .filter(a -> !a.name().equals(app)).toList())).toList();
    }

    // ---------------------------------------------------------------------------------------- changed lines

    /** 0-based inclusive line range of a node: from its key's line to the line where its value ends. */
    private record LineRange(int first, int last) {
        static LineRange of(String text, List<String> path) {
            Node node = new Yaml().compose(new StringReader(text));
            NodeTuple found = null;
            for (String key : path) {
                found = ((MappingNode) node).getValue().stream()
                        .filter(t -> t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
                        .findFirst().orElseThrow();
                node = found.getValueNode();
            }
            return new LineRange(found.getKeyNode().getStartMark().getLine(), found.getValueNode().getEndMark().getLine());
        }
    }

    private static void assertOnlyLinesChangedWithin(String before, String after, LineRange scope, String context) {
        if (before.equals(after)) {
            return;
        }
        // Lines without their terminators: removing the last entry of a file without a final line break
        // necessarily removes the line break before it.
        String[] old = before.split("\r?\n", -1);
        String[] now = after.split("\r?\n", -1);
        int prefix = 0;
        while (prefix < old.length && prefix < now.length && old[prefix].equals(now[prefix])) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < old.length - prefix && suffix < now.length - prefix
                && old[old.length - 1 - suffix].equals(now[now.length - 1 - suffix])) {
            suffix++;
        }
        int firstChanged = prefix;
        int lastChanged = old.length - 1 - suffix;
        boolean inside = lastChanged < firstChanged
                ? firstChanged >= scope.first() && firstChanged <= scope.last() + 1
                : firstChanged >= scope.first() && lastChanged <= scope.last();
        assertTrue(inside, context + ": lines " + (firstChanged + 1) + ".." + (lastChanged + 1)
                + " changed, outside the edited node (lines " + (scope.first() + 1) + ".." + (scope.last() + 1) + ")\n"
                + before + "\n---\n" + after);
    }

    // ---------------------------------------------------------------------------------------------- layouts

    /** Writes a model as watasu.yaml text in a randomly chosen but consistent layout. */
    private static final class Layout {
        private final Random random;
        private final String eol;
        private final int step;
        private final boolean finalNewline;
        private final boolean documentStart;
        private final StringBuilder out = new StringBuilder();

        Layout(Random random) {
            this.random = random;
            this.eol = random.nextInt(4) == 0 ? "\r\n" : "\n";
            this.step = random.nextBoolean() ? 2 : 4;
            this.finalNewline = random.nextInt(5) != 0;
            this.documentStart = random.nextInt(4) == 0;
        }

        String write(List<Team> teams) {
            if (documentStart) {
                line(0, "---");
            }
            maybeComment(0);
            line(0, "version: 1");
            line(0, "teams:" + besideComment());
            for (Team team : teams) {
                maybeBlank();
                line(step, key(team.name()) + ":" + besideComment());
                line(2 * step, key("apps") + ":");
                for (App app : team.apps()) {
                    maybeBlank();
                    maybeComment(3 * step);
                    writeApp(app, 3 * step);
                }
            }
            String text = out.toString();
            return finalNewline ? text : text.substring(0, text.length() - eol.length());
        }

        private void writeApp(App app, int indent) {
            if (random.nextInt(5) == 0) {
                String trust = app.trust().isEmpty() && random.nextBoolean() ? "" : ", trust: " + flowList(app.trust());
                line(indent, key(app.name()) + ": {processes: " + flowProcesses(app.processes()) + trust + "}"
                        + besideComment());
                return;
            }
            line(indent, key(app.name()) + ":" + besideComment());
            boolean trustFirst = random.nextInt(3) == 0;
            if (trustFirst) {
                writeTrust(app, indent + step);
            }
            if (random.nextBoolean()) {
                line(indent + step, "processes: " + flowProcesses(app.processes()));
            } else {
                line(indent + step, "processes:" + besideComment());
                for (Process p : app.processes()) {
                    maybeComment(indent + 2 * step);
                    if (p.port() == Process.DEFAULT_PORT && random.nextBoolean()) {
                        line(indent + 2 * step, p.name() + ": " + scalar(p.command()));
                    } else if (random.nextBoolean()) {
                        line(indent + 2 * step, p.name() + ": { command: " + scalar(p.command()) + ", port: " + p.port() + " }");
                    } else {
                        line(indent + 2 * step, p.name() + ":");
                        line(indent + 3 * step, "command: " + scalar(p.command()) + besideComment());
                        line(indent + 3 * step, "port: " + p.port());
                    }
                }
            }
            if (!trustFirst) {
                writeTrust(app, indent + step);
            }
        }

        private void writeTrust(App app, int indent) {
            if (app.trust().isEmpty() && random.nextBoolean()) {
                return;
            }
            if (app.trust().isEmpty() || random.nextBoolean()) {
                line(indent, key("trust") + ": " + flowList(app.trust()) + besideComment());
                return;
            }
            line(indent, key("trust") + ":" + besideComment());
            int dashIndent = random.nextBoolean() ? indent : indent + step;
            for (String name : app.trust()) {
                maybeComment(dashIndent);
                line(dashIndent, "- " + scalar(name) + besideComment());
            }
        }

        private String flowProcesses(List<Process> processes) {
            List<String> entries = new ArrayList<>();
            for (Process p : processes) {
                entries.add(p.name() + ": " + (p.port() == Process.DEFAULT_PORT
                        ? scalar(p.command())
                        : "{command: " + scalar(p.command()) + ", port: " + p.port() + "}"));
            }
            return "{" + String.join(", ", entries) + "}";
        }

        private String flowList(List<String> names) {
            String separator = random.nextBoolean() ? ", " : ",";
            return names.isEmpty() ? "[]" : "[" + String.join(separator, names.stream().map(this::scalar).toList()) + "]";
        }

        private String key(String name) {
            return switch (random.nextInt(6)) {
                case 0 -> "'" + name + "'";
                case 1 -> "\"" + name + "\"";
                default -> name;
            };
        }

        private String scalar(String value) {
            return random.nextInt(4) == 0 ? "\"" + value + "\"" : value;
        }

        private String besideComment() {
            return random.nextInt(4) == 0 ? "   # note " + random.nextInt(100) : "";
        }

        private void maybeComment(int indent) {
            if (random.nextInt(4) == 0) {
                line(indent, "# comment " + random.nextInt(100));
            }
        }

        private void maybeBlank() {
            if (random.nextInt(4) == 0) {
                out.append(eol);
            }
        }

        private void line(int indent, String content) {
            out.append(" ".repeat(indent)).append(content).append(eol);
        }
    }
}
