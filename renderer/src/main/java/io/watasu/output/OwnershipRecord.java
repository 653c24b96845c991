package io.watasu.output;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The list of files Watasu wrote into an output directory, with the SHA-256 of their content: a text file
 * {@code .watasu/owned.txt} (not YAML or JSON, which Argo CD directory apps would try to apply), one
 * {@code <hash>[,<hash>] <path>} line per file, sorted by path. A path may carry two hashes while a write is
 * in progress (old and new content), so that a run killed half-way leaves every file recognisably Watasu's.
 */
public final class OwnershipRecord {
    public static final String RELATIVE_PATH = ".watasu/owned.txt";
    /** Files and folders starting with this are Watasu's bookkeeping, never rendered content. */
    public static final String BOOKKEEPING_FOLDER = ".watasu";
    private static final String HEADER = "# Files written by watasu render, with their SHA-256. Do not edit.\n";

    private OwnershipRecord() {
    }

    /** Path to the set of content hashes it may have; tolerant of blank lines and comments. */
    public static Map<String, Set<String>> parse(String text) {
        Map<String, Set<String>> owned = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space <= 0) {
                throw new OutputException("damaged ownership record " + RELATIVE_PATH + ": line '" + line
                        + "'; restore it from version control or delete the output folder and render again");
            }
            Set<String> hashes = new LinkedHashSet<>(java.util.List.of(line.substring(0, space).split(",")));
            owned.put(line.substring(space + 1), hashes);
        }
        return owned;
    }

    public static String format(Map<String, Set<String>> owned) {
        StringBuilder text = new StringBuilder(HEADER);
        new TreeMap<>(owned).forEach((path, hashes) ->
                text.append(String.join(",", hashes)).append(' ').append(path).append('\n'));
        return text.toString();
    }
}
