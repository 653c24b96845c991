package io.watasu.edit;

import io.watasu.config.Subjects;
import io.watasu.config.Suggestions;
import io.watasu.edit.GeneratedYaml.FlowList;
import io.watasu.edit.GeneratedYaml.FlowListStyle;
import io.watasu.edit.GeneratedYaml.MapValue;
import io.watasu.edit.GeneratedYaml.Number;
import io.watasu.edit.GeneratedYaml.Text;
import io.watasu.edit.GeneratedYaml.Value;
import io.watasu.yaml.YamlNode;
import io.watasu.yaml.YamlNode.Alias;
import io.watasu.yaml.YamlNode.Entry;
import io.watasu.yaml.YamlNode.Mapping;
import io.watasu.yaml.YamlNode.Scalar;
import io.watasu.yaml.YamlNode.Sequence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Comment-preserving edits of a {@code watasu.yaml} text. Each operation locates the node it changes, splices new
 * text into the original string and returns the result: comments, key order, quoting, spacing, line endings and
 * every byte it does not change stay as they were.
 *
 * <p>The operations are pure (text in, text out). They check that the result reads back as intended, but they do
 * not validate the model: {@link CheckedEdits} adds the loader's validation, which callers writing files use.
 *
 * <p>Shared nodes are never edited through: when the node to change, or a mapping that holds it, is an anchor that
 * an alias elsewhere reuses, the edit is refused, because changing it would silently change the other places too
 * (for a trust list: widen other apps' access). An alias at the edited place is replaced by an explicit value; the
 * anchored node it pointed to is left alone.
 */
public final class WatasuYamlEditor {
    private static final String TEAMS = "teams";
    private static final String APPS = "apps";
    private static final String PROCESSES = "processes";
    private static final String TRUST = "trust";
    private static final String CLUSTERS = "clusters";
    private static final String COMMAND = "command";
    private static final String PORT = "port";
    private static final String METRICS_PORT = "metricsPort";
    private static final int DEFAULT_INDENT_STEP = 2;

    private final SourceText source;
    private final String text;
    private final YamlTree tree;
    private final GeneratedYaml writer;

    private WatasuYamlEditor(String fileName, String text) {
        this.source = new SourceText(Objects.requireNonNull(fileName, "fileName"), Objects.requireNonNull(text, "text"));
        this.text = text;
        this.tree = YamlTree.parse(source);
        this.writer = new GeneratedYaml(source.lineEnding(), indentStep(tree.root()));
    }

    /**
     * Replaces {@code app}'s trust list with {@code trusted} (in that order). An existing list keeps its style: a
     * flow list its spacing, a block list its indentation and dash style, and entries that stay keep their line
     * and comments when the new list is the old one minus some entries plus new ones at the end. Without a
     * {@code trust} key, {@code trust: [a, b]} is added after the app's last key; an empty list is {@code []}.
     *
     * @throws EditRefusedException when the app is missing or ambiguous, or its trust list is shared through an anchor
     */
    public static String setTrust(String fileName, String text, String app, List<String> trusted) {
        List<String> wanted = List.copyOf(trusted);
        WatasuYamlEditor editor = new WatasuYamlEditor(fileName, text);
        String result = Splice.apply(text, editor.trustSplices(app, wanted));
        editor.verify(result, after -> wanted.equals(after.listOf(app, TRUST)));
        return result;
    }

    /**
     * Creates {@code app} in {@code team} (creating the team, and its {@code apps} mapping, when missing) with the
     * given processes, or replaces the {@code processes} of the existing app, keeping its other keys (trust). New
     * text is in block style with the file's indentation step, or in flow style inside a flow mapping. Processes are
     * written in the map's iteration order. Processes that are already as wanted are left as they are written.
     *
     * @throws EditRefusedException when the app exists in another team (app names are global) or the place to edit
     *                              is shared through an anchor
     */
    public static String upsertApp(String fileName, String text, String team, String app,
                                   Map<String, ProcessSpec> processes) {
        Map<String, ProcessSpec> wanted = new LinkedHashMap<>(processes);
        WatasuYamlEditor editor = new WatasuYamlEditor(fileName, text);
        List<AppLocation> found = editor.appsNamed(app);
        if (found.size() == 1 && found.get(0).team().equals(team) && sameInOrder(wanted, editor.processesOf(app))) {
            // Already so: a change of another key (clusters) must not rewrite the processes' layout.
            return text;
        }
        String result = Splice.apply(text, List.of(editor.upsertSplice(team, app, wanted)));
        editor.verify(result, after -> after.appsNamed(app).size() == 1
                && after.appsNamed(app).get(0).team().equals(team)
                && wanted.equals(after.processesOf(app)));
        return result;
    }

    private static boolean sameInOrder(Map<String, ProcessSpec> wanted, Map<String, ProcessSpec> written) {
        return written != null && List.copyOf(wanted.entrySet()).equals(List.copyOf(written.entrySet()));
    }

    /**
     * Removes {@code app} with everything under it. Comment lines above the app are kept: they may describe more
     * than the app. The last app of a team leaves {@code apps: {}}.
     *
     * @throws EditRefusedException when the app is missing or ambiguous, or is an anchor reused elsewhere
     */
    public static String removeApp(String fileName, String text, String app) {
        WatasuYamlEditor editor = new WatasuYamlEditor(fileName, text);
        String result = Splice.apply(text, List.of(editor.removeSplice(app)));
        editor.verify(result, after -> after.appsNamed(app).isEmpty());
        return result;
    }

    /**
     * Sets the clusters {@code app} runs on to {@code clusters} (in that order), edited like a trust list (see
     * {@link #setTrust}). An empty list removes the {@code clusters} key, so that the app runs on all of its team's
     * clusters; without the key, there is then nothing to change.
     *
     * @throws EditRefusedException when the app is missing or ambiguous, or its list is shared through an anchor
     */
    public static String setClusters(String fileName, String text, String app, List<String> clusters) {
        List<String> wanted = List.copyOf(clusters);
        WatasuYamlEditor editor = new WatasuYamlEditor(fileName, text);
        AppLocation at = editor.requireSingleApp(app);
        Mapping appMapping = editor.editableAppMapping(at);
        Optional<Entry> listed = appMapping.entry(CLUSTERS);
        if (wanted.isEmpty() ? listed.isEmpty() : wanted.equals(editor.listOf(app, CLUSTERS))) {
            // Already so: a list shared through an anchor, or written as an alias, is left as it is.
            return text;
        }
        List<Splice> splices = wanted.isEmpty()
                ? List.of(editor.removeEntry(appMapping, listed.get(), Place.clusters(at.team(), app)))
                : editor.listSplices(at, CLUSTERS, wanted, Place.clusters(at.team(), app),
                        Place.clustersEntry(at.team(), app));
        String result = Splice.apply(text, splices);
        editor.verify(result, after -> wanted.isEmpty() ? !after.hasKey(app, CLUSTERS)
                : wanted.equals(after.listOf(app, CLUSTERS)));
        return result;
    }

    /**
     * The clusters the app lists, as written (aliases followed); empty when it lists none, or when there is no such
     * app yet (it is about to be created).
     *
     * @throws EditRefusedException when the app is ambiguous, or its clusters are not a list of names
     */
    public static List<String> readClusters(String fileName, String text, String app) {
        WatasuYamlEditor editor = new WatasuYamlEditor(fileName, text);
        if (editor.appsNamed(app).isEmpty()) {
            return List.of();
        }
        return editor.readList(app, CLUSTERS, Place.clusters(editor.requireSingleApp(app).team(), app),
                "write it as 'clusters: [eu-prod]'");
    }

    /**
     * The app's trust list as written (aliases followed), empty when it has none. Reads the text even when the
     * model is invalid, so that a broken list can be repaired by editing it.
     *
     * @throws EditRefusedException when the app is missing or ambiguous, or its trust is not a list of names
     */
    public static List<String> readTrust(String fileName, String text, String app) {
        WatasuYamlEditor editor = new WatasuYamlEditor(fileName, text);
        return editor.readList(app, TRUST, Place.trust(editor.requireSingleApp(app).team(), app),
                "write it as 'trust: [api-app]'");
    }

    /** The app's list under {@code key} as written, empty when it has none; refused when it is not a list of names. */
    private List<String> readList(String app, String key, Place place, String fix) {
        AppLocation at = requireSingleApp(app);
        YamlNode appValue = at.appEntry().value().resolved();
        Optional<Entry> list = appValue instanceof Mapping m ? m.entry(key) : Optional.empty();
        if (list.isEmpty() || list.get().value().resolved() instanceof Scalar s && YamlTree.isNull(s)) {
            return List.of();
        }
        List<String> names = listOf(app, key);
        if (names == null || names.contains(null)) {
            throw source.refuse(list.get().value().start(), place.description() + " is not a list of names", fix,
                    place.subject());
        }
        return names;
    }

    // ---------------------------------------------------------------------------------------------- trust lists

    private List<Splice> trustSplices(String app, List<String> trusted) {
        AppLocation at = requireSingleApp(app);
        return listSplices(at, TRUST, trusted, Place.trust(at.team(), app), Place.trustEntry(at.team(), app));
    }

    /** Sets the app's list of names under {@code key}, keeping its style (see {@link #setTrust}). */
    private List<Splice> listSplices(AppLocation at, String key, List<String> names, Place list, Place entry) {
        Mapping appMapping = editableAppMapping(at);
        Optional<Entry> existing = appMapping.entry(key);
        if (existing.isEmpty()) {
            return List.of(insertEntry(appMapping, key, new FlowList(names, FlowListStyle.DEFAULT)));
        }
        YamlNode value = existing.get().value();
        if (!(value instanceof Alias)) {
            requireUnshared(value, list);
        }
        if (value instanceof Sequence seq) {
            // An entry reused elsewhere through its anchor could be dropped or rewritten without its anchor.
            seq.items().forEach(item -> requireUnshared(item, entry));
        }
        if (value instanceof Sequence seq && seq.isFlow()) {
            int open = text.indexOf('[', seq.start());
            return List.of(new Splice(open, seq.end(), writer.flow(new FlowList(names, flowStyleOf(seq, open)))));
        }
        if (value instanceof Sequence seq && !names.isEmpty()) {
            return blockListSplices(seq, names);
        }
        return List.of(replaceWithInline(existing.get(), new FlowList(names, FlowListStyle.DEFAULT)));
    }

    /** The spacing of an existing one-line flow list; anything unusual (comments, line breaks) gets the default. */
    private FlowListStyle flowStyleOf(Sequence seq, int open) {
        List<YamlNode> items = seq.items();
        if (items.isEmpty()) {
            return FlowListStyle.DEFAULT;
        }
        String lead = text.substring(open + 1, items.get(0).start());
        String trail = text.substring(items.get(items.size() - 1).end(), seq.end() - 1);
        String separator = items.size() > 1 ? text.substring(items.get(0).end(), items.get(1).start()) : ", ";
        boolean spacesOnOneLine = lead.isBlank() && trail.isBlank() && separator.strip().equals(",")
                && Stream.of(lead, trail, separator).noneMatch(s -> s.contains("\n") || s.contains("\r") || s.contains("\t"));
        if (!spacesOnOneLine) {
            return FlowListStyle.DEFAULT;
        }
        return new FlowListStyle("[" + lead, separator, trail + "]");
    }

    /**
     * A block list is edited entry by entry when the new list is the old one minus some entries plus new ones at
     * the end: kept entries keep their lines and comments, removed entries lose their line, new entries follow the
     * last one with the same indentation and dash spacing. Any other change rewrites the list's entries.
     */
    private List<Splice> blockListSplices(Sequence seq, List<String> trusted) {
        List<YamlNode> items = seq.items();
        List<String> old = items.stream().map(YamlTree::scalarValue).toList();
        List<Integer> dashes = items.stream().map(this::dashBefore).toList();
        boolean lineShaped = !old.contains(null) && dashes.stream().allMatch(d -> d >= 0 && source.startsLine(d)
                && source.previousLineEnd(d) >= 0);
        if (!lineShaped) {
            return List.of(rewriteBlockList(seq, trusted));
        }
        List<String> kept = old.stream().filter(trusted::contains).toList();
        List<String> added = trusted.stream().filter(t -> !old.contains(t)).toList();
        List<String> incremental = Stream.concat(kept.stream(), added.stream()).toList();
        if (!incremental.equals(trusted) || new HashSet<>(old).size() != old.size()) {
            return List.of(rewriteBlockList(seq, trusted));
        }
        YamlNode last = items.get(items.size() - 1);
        int lastDash = dashes.get(items.size() - 1);
        String itemPrefix = " ".repeat(source.column(lastDash)) + "-" + text.substring(lastDash + 1, last.start());
        List<Splice> splices = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!trusted.contains(old.get(i))) {
                // From the end of the previous line to the end of this one: works for the file's last line too.
                splices.add(Splice.delete(source.previousLineEnd(dashes.get(i)), source.lineEnd(items.get(i).end())));
            }
        }
        if (!added.isEmpty()) {
            StringBuilder lines = new StringBuilder();
            added.forEach(a -> lines.append(source.lineEnding()).append(itemPrefix).append(GeneratedYaml.scalar(a, false)));
            splices.add(Splice.insert(source.lineEnd(last.end()), lines.toString()));
        }
        return splices;
    }

    private Splice rewriteBlockList(Sequence seq, List<String> trusted) {
        YamlNode first = seq.items().get(0);
        int dash = dashBefore(first);
        if (dash < 0) {
            throw source.refuse(first.start(), "cannot rewrite this list's layout", "write the list by hand");
        }
        String dashAndGap = "-" + text.substring(dash + 1, first.start());
        String separator = source.lineEnding() + " ".repeat(source.column(dash)) + dashAndGap;
        StringBuilder out = new StringBuilder(dashAndGap);
        for (int i = 0; i < trusted.size(); i++) {
            out.append(i == 0 ? "" : separator).append(GeneratedYaml.scalar(trusted.get(i), false));
        }
        return new Splice(dash, seq.end(), out.toString());
    }

    /** The '-' of a block list entry, or -1 when the entry is not written as "- value". */
    private int dashBefore(YamlNode item) {
        int i = item.start() - 1;
        while (i >= 0 && text.charAt(i) == ' ') {
            i--;
        }
        return i >= 0 && text.charAt(i) == '-' ? i : -1;
    }

    // ------------------------------------------------------------------------------------------------ apps

    private Splice upsertSplice(String team, String app, Map<String, ProcessSpec> processes) {
        Value processesValue = processesValue(processes);
        List<AppLocation> found = appsNamed(app);
        if (found.size() > 1) {
            throw ambiguous(app, found);
        }
        if (found.size() == 1) {
            AppLocation at = found.get(0);
            if (!at.team().equals(team)) {
                throw source.refuse(at.appEntry().key().start(), "app '" + app + "' already exists in team '"
                                + at.team() + "'; app names are global",
                        "choose another name, or remove the app from team '" + at.team() + "' first",
                        Place.app(at.team(), app).subject());
            }
            requireEditablePath(at);
            requireNotAlias(at.appEntry().value(), Place.app(team, app));
            YamlNode appValue = at.appEntry().value();
            if (!(appValue instanceof Mapping appMapping)) {
                requireNullValue(at.appEntry(), Place.app(team, app));
                return replaceValue(at.appEntry(), map(PROCESSES, processesValue), at.apps().isFlow());
            }
            requireUnshared(at.appEntry().value(), Place.app(team, app));
            return appMapping.entry(PROCESSES)
                    .map(e -> {
                        if (!(e.value() instanceof Alias)) {
                            requireUnshared(e.value(), Place.processes(team, app));
                        }
                        return replaceValue(e, processesValue, appMapping.isFlow());
                    })
                    .orElseGet(() -> insertEntry(appMapping, PROCESSES, processesValue));
        }
        Value appValue = map(PROCESSES, processesValue);
        Mapping root = rootMapping();
        Optional<Entry> teamsEntry = root.entry(TEAMS);
        if (teamsEntry.isEmpty()) {
            return insertEntry(root, TEAMS, map(team, map(APPS, map(app, appValue))));
        }
        Mapping teams = childMapping(teamsEntry.get(), Place.teams());
        if (teams == null) {
            return replaceValue(teamsEntry.get(), map(team, map(APPS, map(app, appValue))), root.isFlow());
        }
        Optional<Entry> teamEntry = teams.entry(team);
        if (teamEntry.isEmpty()) {
            return insertEntry(teams, team, map(APPS, map(app, appValue)));
        }
        Mapping teamMapping = childMapping(teamEntry.get(), Place.team(team));
        if (teamMapping == null) {
            return replaceValue(teamEntry.get(), map(APPS, map(app, appValue)), teams.isFlow());
        }
        Optional<Entry> appsEntry = teamMapping.entry(APPS);
        if (appsEntry.isEmpty()) {
            return insertEntry(teamMapping, APPS, map(app, appValue));
        }
        Mapping apps = childMapping(appsEntry.get(), Place.apps(team));
        if (apps == null) {
            return replaceValue(appsEntry.get(), map(app, appValue), teamMapping.isFlow());
        }
        return insertEntry(apps, app, appValue);
    }

    private Splice removeSplice(String app) {
        AppLocation at = requireSingleApp(app);
        requireEditablePath(at);
        if (!at.apps().isFlow() && at.apps().entries().size() == 1) {
            if (!(at.appEntry().value() instanceof Alias)) {
                requireUnshared(at.appEntry().value(), Place.app(at.team(), app));
            }
            return replaceWithInline(at.appsEntry(), new MapValue(Map.of()));
        }
        return removeEntry(at.apps(), at.appEntry(), Place.app(at.team(), app));
    }

    /** Removes {@code entry} (key and value) from {@code mapping}, which keeps another entry when it is a block. */
    private Splice removeEntry(Mapping mapping, Entry entry, Place place) {
        if (!(entry.value() instanceof Alias)) {
            requireUnshared(entry.value(), place);
        }
        List<Entry> entries = mapping.entries();
        int index = entries.indexOf(entry);
        if (mapping.isFlow()) {
            if (entries.size() == 1) {
                return Splice.delete(entry.key().start(), entry.value().end());
            }
            if (index < entries.size() - 1) {
                return Splice.delete(entry.key().start(), entries.get(index + 1).key().start());
            }
            return Splice.delete(entries.get(index - 1).value().end(), entry.value().end());
        }
        int keyStart = entry.key().start();
        if (entries.size() == 1 || !source.startsLine(keyStart) || source.previousLineEnd(keyStart) < 0) {
            throw source.refuse(keyStart, "cannot remove " + place.description() + " from this layout",
                    "remove it by hand", place.subject());
        }
        return Splice.delete(source.previousLineEnd(keyStart), source.lineEnd(entry.value().end()));
    }

    private static Value processesValue(Map<String, ProcessSpec> processes) {
        Map<String, Value> entries = new LinkedHashMap<>();
        processes.forEach((name, spec) -> entries.put(name, spec.shortForm() ? new Text(spec.command())
                : new MapValue(processFields(spec))));
        return new MapValue(entries);
    }

    private static Map<String, Value> processFields(ProcessSpec spec) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put(COMMAND, new Text(spec.command()));
        m.put(PORT, new Number(spec.port()));
        if (spec.metricsPort() != null) {
            m.put(METRICS_PORT, new Number(spec.metricsPort()));
        }
        return m;
    }

    private static MapValue map(String key, Value value) {
        Map<String, Value> m = new LinkedHashMap<>();
        m.put(key, value);
        return new MapValue(m);
    }

    // ------------------------------------------------------------------------------------------ locating apps

    /** Where an app is: its team, the {@code apps} entry and mapping holding it, and its own entry. */
    private record AppLocation(String team, Entry teamsEntry, Entry teamEntry, Entry appsEntry, Mapping apps,
                               Entry appEntry) {
    }

    /** Every {@code teams.<team>.apps.<app>} entry of that name (more than one only in an invalid file). */
    private List<AppLocation> appsNamed(String app) {
        return apps(app::equals);
    }

    /** Every app declaration whose name passes {@code name}, in file order. */
    private List<AppLocation> apps(Predicate<String> name) {
        List<AppLocation> found = new ArrayList<>();
        if (!(tree.root().resolved() instanceof Mapping root)) {
            return found;
        }
        Optional<Entry> teamsEntry = root.entry(TEAMS);
        if (teamsEntry.isEmpty() || !(teamsEntry.get().value().resolved() instanceof Mapping teams)) {
            return found;
        }
        for (Entry teamEntry : teams.entries()) {
            String team = YamlTree.scalarValue(teamEntry.key());
            if (team == null || !(teamEntry.value().resolved() instanceof Mapping teamMapping)) {
                continue;
            }
            Optional<Entry> appsEntry = teamMapping.entry(APPS);
            if (appsEntry.isEmpty() || !(appsEntry.get().value().resolved() instanceof Mapping apps)) {
                continue;
            }
            for (Entry appEntry : apps.entries()) {
                String appName = YamlTree.scalarValue(appEntry.key());
                if (appName != null && name.test(appName)) {
                    found.add(new AppLocation(team, teamsEntry.get(), teamEntry, appsEntry.get(), apps, appEntry));
                }
            }
        }
        return found;
    }

    private AppLocation requireSingleApp(String app) {
        List<AppLocation> found = appsNamed(app);
        if (found.isEmpty()) {
            throw unknownApp(app);
        }
        if (found.size() > 1) {
            throw ambiguous(app, found);
        }
        return found.get(0);
    }

    /**
     * Points at the nearest app when the name looks like a typo of one, else at {@code teams}: never at 1:1 of a
     * file that has apps.
     */
    private EditRefusedException unknownApp(String app) {
        List<AppLocation> all = apps(name -> true);
        Map<String, AppLocation> byName = new LinkedHashMap<>();
        all.forEach(a -> byName.putIfAbsent(YamlTree.scalarValue(a.appEntry().key()), a));
        Optional<String> nearest = Suggestions.nearest(app, byName.keySet());
        if (nearest.isPresent()) {
            return source.refuse(byName.get(nearest.get()).appEntry().key().start(), "no app named '" + app + "' in "
                    + source.fileName() + "; did you mean '" + nearest.get() + "' (declared here)?",
                    "check the name");
        }
        int at = all.isEmpty() ? rootTeamsPosition() : all.get(0).teamsEntry().key().start();
        return source.refuse(at, "no app named '" + app + "' in " + source.fileName(),
                "check the name, or declare the app under teams.<team>.apps");
    }

    private int rootTeamsPosition() {
        return tree.root().resolved() instanceof Mapping root
                ? root.entry(TEAMS).map(e -> e.key().start()).orElse(0) : 0;
    }

    private EditRefusedException ambiguous(String app, List<AppLocation> found) {
        return source.refuse(found.get(1).appEntry().key().start(), "app '" + app + "' is declared "
                + found.size() + " times; app names are global", "keep one declaration",
                Place.app(found.get(1).team(), app).subject());
    }

    private Mapping editableAppMapping(AppLocation at) {
        requireEditablePath(at);
        Place app = Place.app(at.team(), YamlTree.scalarValue(at.appEntry().key()));
        YamlNode value = at.appEntry().value();
        requireNotAlias(value, app);
        requireUnshared(value, app);
        if (!(value instanceof Mapping mapping)) {
            throw source.refuse(value.start(), app.description() + " is not a mapping", "give it a 'processes' mapping",
                    app.subject());
        }
        return mapping;
    }

    /** The mappings above an app (teams, the team, its apps) must not be shared: an edit would change every user. */
    private void requireEditablePath(AppLocation at) {
        requireNotAlias(at.teamsEntry().value(), Place.teams());
        requireUnshared(at.teamsEntry().value(), Place.teams());
        requireNotAlias(at.teamEntry().value(), Place.team(at.team()));
        requireUnshared(at.teamEntry().value(), Place.team(at.team()));
        requireNotAlias(at.appsEntry().value(), Place.apps(at.team()));
        requireUnshared(at.appsEntry().value(), Place.apps(at.team()));
    }

    private void requireNotAlias(YamlNode node, Place place) {
        if (node instanceof Alias alias) {
            throw source.refuse(alias.start(), place.description() + " is written as the alias *" + alias.name()
                            + ", which shares the anchored node; editing it would change every place using that anchor",
                    "replace *" + alias.name() + " with its own copy, then retry", place.subject());
        }
    }

    private void requireUnshared(YamlNode node, Place place) {
        if (tree.isReferenced(node.anchor())) {
            throw source.refuse(node.start(), place.description() + " is anchored as &" + node.anchor()
                            + " and reused through *" + node.anchor() + "; editing it would silently change every place"
                            + " using it",
                    "give each place its own copy (replace the aliases *" + node.anchor() + "), then retry",
                    place.subject());
        }
    }

    private Mapping rootMapping() {
        if (!(tree.root() instanceof Mapping root)) {
            throw source.refuse(0, "the file holds no top-level mapping", "start it with 'version: 1'");
        }
        return root;
    }

    /** The mapping under {@code entry}; null when the value is empty (to be replaced). */
    private Mapping childMapping(Entry entry, Place place) {
        requireNotAlias(entry.value(), place);
        requireUnshared(entry.value(), place);
        if (entry.value() instanceof Mapping mapping) {
            return mapping;
        }
        requireNullValue(entry, place);
        return null;
    }

    private void requireNullValue(Entry entry, Place place) {
        if (!(entry.value() instanceof Scalar s && YamlTree.isNull(s))) {
            throw source.refuse(entry.value().start(), place.description() + " must be a mapping",
                    "fix it by hand, then retry", place.subject());
        }
    }

    /** An element the editor changes: how messages name it, and its {@link Subjects} path for diagnostics. */
    private record Place(String description, String subject) {
        static Place teams() {
            return new Place("'teams'", Subjects.TEAMS);
        }

        static Place team(String team) {
            return new Place("team '" + team + "'", Subjects.team(team));
        }

        static Place apps(String team) {
            return new Place("the apps of team '" + team + "'", Subjects.field(Subjects.team(team), APPS));
        }

        static Place app(String team, String app) {
            return new Place("app '" + app + "'", Subjects.app(team, app));
        }

        static Place processes(String team, String app) {
            return new Place("the processes mapping of app '" + app + "'", Subjects.field(Subjects.app(team, app), PROCESSES));
        }

        static Place trust(String team, String app) {
            return new Place("the trust list of app '" + app + "'", Subjects.trust(team, app));
        }

        static Place trustEntry(String team, String app) {
            return new Place("an entry of the trust list of app '" + app + "'", Subjects.trust(team, app));
        }

        static Place clusters(String team, String app) {
            return new Place("the clusters of app '" + app + "'", Subjects.field(Subjects.app(team, app), CLUSTERS));
        }

        static Place clustersEntry(String team, String app) {
            return new Place("an entry of the clusters of app '" + app + "'",
                    Subjects.field(Subjects.app(team, app), CLUSTERS));
        }
    }

    // -------------------------------------------------------------------------------------------- splicing

    /** A new {@code key: value} entry after the mapping's last entry, in the mapping's own style. */
    private Splice insertEntry(Mapping mapping, String key, Value value) {
        if (mapping.isFlow()) {
            String entry = GeneratedYaml.scalar(key, true) + ": " + writer.flow(value);
            if (mapping.entries().isEmpty()) {
                return Splice.insert(text.indexOf('{', mapping.start()) + 1, entry);
            }
            return Splice.insert(mapping.entries().get(mapping.entries().size() - 1).value().end(), ", " + entry);
        }
        int indent = source.column(mapping.entries().get(0).key().start());
        return Splice.insert(source.lineEnd(mapping.end()), source.lineEnding() + writer.blockEntry(key, value, indent));
    }

    /**
     * Replaces an entry's value. A non-empty mapping is written as block lines under the key, unless it goes into
     * a flow collection or replaces a flow value: then it keeps to one line, like what was there.
     */
    private Splice replaceValue(Entry entry, Value value, boolean inFlow) {
        YamlNode old = entry.value();
        boolean oldIsFlow = old instanceof Mapping m && m.isFlow() || old instanceof Sequence s && s.isFlow();
        if (inFlow || oldIsFlow || !(value instanceof MapValue map) || map.entries().isEmpty()) {
            return replaceWithInline(entry, value);
        }
        int keyIndent = source.column(entry.key().start());
        String block = writer.blockValue(value, keyIndent);
        if (old instanceof Scalar s && s.start() == s.end()) {
            return Splice.insert(source.lineEnd(s.start()), block);
        }
        int colon = colonEnd(entry);
        if (isBlockCollection(old)) {
            // The key's line (anchor, comment) stays; the old lines under it are replaced.
            return new Splice(source.lineEnd(colon), source.lineEnd(old.end()), block);
        }
        return new Splice(colon, source.lineEnd(old.end()), anchorSuffix(old) + commentAfter(old.end()) + block);
    }

    /** Replaces an entry's value with a one-line value, keeping an unshared anchor and the key line's comment. */
    private Splice replaceWithInline(Entry entry, Value value) {
        YamlNode old = entry.value();
        String inline = writer.flow(value);
        if (old instanceof Alias) {
            return new Splice(old.start(), old.end(), inline);
        }
        if (old instanceof Scalar s && s.start() == s.end()) {
            return Splice.insert(s.start(), " " + inline);
        }
        if (isBlockCollection(old)) {
            int colon = colonEnd(entry);
            return new Splice(colon, source.lineEnd(old.end()),
                    anchorSuffix(old) + " " + inline + commentAfter(colon));
        }
        String anchor = old.anchor() == null ? "" : "&" + old.anchor() + " ";
        return new Splice(old.start(), old.end(), anchor + inline);
    }

    private static boolean isBlockCollection(YamlNode node) {
        return node instanceof Mapping m && !m.isFlow() || node instanceof Sequence s && !s.isFlow();
    }

    private static String anchorSuffix(YamlNode node) {
        return node.anchor() == null ? "" : " &" + node.anchor();
    }

    /** A comment later on the line of {@code from}, with the spacing before it; empty when there is none. */
    private String commentAfter(int from) {
        int end = source.lineEnd(from);
        for (int i = from; i < end; i++) {
            if (text.charAt(i) == '#' && (i == from || text.charAt(i - 1) == ' ' || text.charAt(i - 1) == '\t')) {
                int spaceStart = i;
                while (spaceStart > from && (text.charAt(spaceStart - 1) == ' ' || text.charAt(spaceStart - 1) == '\t')) {
                    spaceStart--;
                }
                return (spaceStart == i ? " " : text.substring(spaceStart, i)) + text.substring(i, end);
            }
        }
        return "";
    }

    /** The index just after the ':' that follows an entry's key. */
    private int colonEnd(Entry entry) {
        int i = entry.key().end();
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        if (i >= text.length() || text.charAt(i) != ':') {
            throw source.refuse(entry.key().start(), "cannot edit an entry written in this layout",
                    "write it as 'key: value', then retry");
        }
        return i + 1;
    }

    /** The file's indentation step: how far the first nested block mapping is indented under its key. */
    private int indentStep(YamlNode root) {
        if (root instanceof Mapping mapping && !mapping.isFlow()) {
            for (Entry entry : mapping.entries()) {
                if (entry.value() instanceof Mapping child && !child.isFlow() && !child.entries().isEmpty()) {
                    int step = source.column(child.entries().get(0).key().start()) - source.column(entry.key().start());
                    return step > 0 ? step : DEFAULT_INDENT_STEP;
                }
            }
            for (Entry entry : mapping.entries()) {
                int nested = indentStep(entry.value());
                if (nested != DEFAULT_INDENT_STEP) {
                    return nested;
                }
            }
        }
        return DEFAULT_INDENT_STEP;
    }

    // ------------------------------------------------------------------------------------------ verification

    /** Re-reads the result and insists it says what the edit meant; otherwise the edit is refused, not returned. */
    private void verify(String result, Predicate<WatasuYamlEditor> intended) {
        WatasuYamlEditor after;
        try {
            after = new WatasuYamlEditor(source.fileName(), result);
        } catch (EditRefusedException e) {
            // Typically an anchor inside the removed or replaced text that an alias elsewhere still uses.
            throw unsafeLayout("it would break the file: " + e.diagnostics().get(0).message());
        }
        if (!intended.test(after)) {
            throw unsafeLayout("the result would not read back as intended in this layout");
        }
    }

    private EditRefusedException unsafeLayout(String why) {
        return source.refuse(0, "the edit was not made: " + why + "; the file was left as it was",
                "make the change by hand");
    }

    /** The app's list under {@code key} (aliases followed); null when it or the app is missing or not a list. */
    private List<String> listOf(String app, String key) {
        Mapping appMapping = singleAppMapping(app);
        if (appMapping == null) {
            return null;
        }
        Optional<Entry> list = appMapping.entry(key);
        if (list.isEmpty() || !(list.get().value().resolved() instanceof Sequence seq)) {
            return null;
        }
        return seq.items().stream().map(YamlTree::scalarValue).toList();
    }

    /** True when the app (declared once, as a mapping) has {@code key}. */
    private boolean hasKey(String app, String key) {
        Mapping appMapping = singleAppMapping(app);
        return appMapping != null && appMapping.entry(key).isPresent();
    }

    /** The app's mapping when it is declared once, as a mapping (aliases followed); null otherwise. */
    private Mapping singleAppMapping(String app) {
        List<AppLocation> found = appsNamed(app);
        return found.size() == 1 && found.get(0).appEntry().value().resolved() instanceof Mapping appMapping
                ? appMapping : null;
    }

    /** The app's processes as written; null when they are missing or not in a form the editor writes. */
    private Map<String, ProcessSpec> processesOf(String app) {
        Mapping appMapping = singleAppMapping(app);
        if (appMapping == null) {
            return null;
        }
        Optional<Entry> processes = appMapping.entry(PROCESSES);
        if (processes.isEmpty() || !(processes.get().value().resolved() instanceof Mapping mapping)) {
            return null;
        }
        Map<String, ProcessSpec> specs = new LinkedHashMap<>();
        for (Entry e : mapping.entries()) {
            YamlNode value = e.value().resolved();
            if (value instanceof Scalar s) {
                specs.put(YamlTree.scalarValue(e.key()), ProcessSpec.onDefaultPort(s.value()));
            } else if (value instanceof Mapping m) {
                String command = m.entry(COMMAND).map(c -> YamlTree.scalarValue(c.value())).orElse(null);
                String port = m.entry(PORT).map(p -> YamlTree.scalarValue(p.value())).orElse(null);
                String metricsPort = m.entry(METRICS_PORT).map(p -> YamlTree.scalarValue(p.value())).orElse(null);
                if (command == null || port == null || !port.matches("[0-9]{1,5}")
                        || metricsPort != null && !metricsPort.matches("[0-9]{1,5}")) {
                    return null;
                }
                specs.put(YamlTree.scalarValue(e.key()), new ProcessSpec(command, Integer.parseInt(port),
                        metricsPort == null ? null : Integer.valueOf(metricsPort)));
            } else {
                return null;
            }
        }
        return specs;
    }
}
