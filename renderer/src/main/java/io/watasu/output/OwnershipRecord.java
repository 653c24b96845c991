package io.watasu.output;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BinaryOperator;

/**
 * The list of files Watasu wrote into an output directory, with the SHA-256 of their content: a text file
 * {@code .watasu/owned.txt} (not YAML or JSON, which Argo CD directory apps would try to apply), one
 * {@code <hash>[,<hash>][+<fingerprint>] <path>} line per file, sorted by path. A path may carry two hashes while a
 * write is in progress (old and new content), so that a run killed half-way leaves every file recognisably Watasu's.
 * The optional fingerprint identifies what the single recorded content was rendered from (see
 * {@link PreviousOutput}); records without fingerprints stay valid.
 */
public final class OwnershipRecord {
    public static final String RELATIVE_PATH = ".watasu/owned.txt";
    /** Files and folders starting with this are Watasu's bookkeeping, never rendered content. */
    public static final String BOOKKEEPING_FOLDER = ".watasu";
    private static final String HEADER = "# Files written by watasu render, with their SHA-256. Do not edit.\n";

    /**
     * What the record says about one path.
     *
     * @param hashes      the contents the file may have
     * @param fingerprint what the content was rendered from; only with exactly one hash, else null
     */
    public record Entry(Set<String> hashes, String fingerprint) {
        public Entry {
            hashes = Set.copyOf(hashes);
            if (fingerprint != null && hashes.size() != 1) {
                throw new IllegalArgumentException("a fingerprint belongs to exactly one content hash");
            }
        }
    }

    private OwnershipRecord() {
    }

    /** The last record parsed and what it says: a render reads the same record twice (reuse check, writer). */
    private static volatile Parsed last;

    private record Parsed(String text, NavigableMap<String, Entry> owned) {
    }

    /** Path to what is recorded for it, by path (unmodifiable); tolerant of blank lines and comments. */
    public static NavigableMap<String, Entry> parse(String text) {
        Parsed parsed = last;
        if (parsed != null && parsed.text().equals(text)) {
            return parsed.owned();
        }
        NavigableMap<String, Entry> owned = Collections.unmodifiableNavigableMap(parseLines(text));
        last = new Parsed(text, owned);
        return owned;
    }

    private static TreeMap<String, Entry> parseLines(String text) {
        TreeMap<String, Entry> owned = new TreeMap<>();
        // The files of a team folder share one fingerprint: one copy of it, not one per line.
        Map<String, String> fingerprints = new HashMap<>();
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.charAt(start) == '#' || text.substring(start, end).isBlank()) {
                continue;
            }
            // <hashes>[+<fingerprint>] <path>, taken apart in place: a fleet's record has tens of thousands of lines.
            int space = text.indexOf(' ', start);
            int plus = text.indexOf('+', start);
            space = space < 0 || space > end ? -1 : space;
            plus = plus < 0 || plus > space ? -1 : plus;
            String hashList = text.substring(start, plus < 0 ? Math.max(space, start) : plus);
            Set<String> hashes = hashList.indexOf(',') < 0 ? Set.of(hashList)
                    : new LinkedHashSet<>(List.of(hashList.split(",")));
            int secondPlus = plus < 0 ? -1 : text.indexOf('+', plus + 1);
            if (space <= start || plus >= 0 && (hashes.size() != 1 || secondPlus >= 0 && secondPlus < space)) {
                throw new OutputException("damaged ownership record " + RELATIVE_PATH + ": line '"
                        + text.substring(start, end) + "'; restore it from version control or delete the output"
                        + " folder and render again");
            }
            String fingerprint = plus < 0 ? null
                    : fingerprints.computeIfAbsent(text.substring(plus + 1, space), f -> f);
            owned.put(text.substring(space + 1, end), new Entry(hashes, fingerprint));
        }
        return owned;
    }

    /** True when iterating {@code map} gives its paths in the record's order (checked in one pass). */
    static boolean inPathOrder(Map<String, ?> map) {
        if (map instanceof SortedMap<String, ?> sorted && sorted.comparator() == null) {
            return true;
        }
        String previous = null;
        for (String path : map.keySet()) {
            if (previous != null && previous.compareTo(path) >= 0) {
                return false;
            }
            previous = path;
        }
        return true;
    }

    /**
     * {@code first} and {@code second}, both in path order, as one map in path order (linear, where a sorted map
     * would compare every path some twenty times); a path in both takes {@code both} of its two entries.
     */
    static Map<String, Entry> merge(Map<String, Entry> first, Map<String, Entry> second,
                                    BinaryOperator<Entry> both) {
        Map<String, Entry> merged = new LinkedHashMap<>(first.size() + second.size());
        Iterator<Map.Entry<String, Entry>> a = first.entrySet().iterator();
        Iterator<Map.Entry<String, Entry>> b = second.entrySet().iterator();
        Map.Entry<String, Entry> nextA = a.hasNext() ? a.next() : null;
        Map.Entry<String, Entry> nextB = b.hasNext() ? b.next() : null;
        while (nextA != null || nextB != null) {
            int order = nextA == null ? 1 : nextB == null ? -1 : nextA.getKey().compareTo(nextB.getKey());
            if (order < 0) {
                merged.put(nextA.getKey(), nextA.getValue());
                nextA = a.hasNext() ? a.next() : null;
            } else if (order > 0) {
                merged.put(nextB.getKey(), nextB.getValue());
                nextB = b.hasNext() ? b.next() : null;
            } else {
                merged.put(nextA.getKey(), both.apply(nextA.getValue(), nextB.getValue()));
                nextA = a.hasNext() ? a.next() : null;
                nextB = b.hasNext() ? b.next() : null;
            }
        }
        return merged;
    }

    public static String format(Map<String, Entry> owned) {
        StringBuilder text = new StringBuilder(HEADER.length() + owned.size() * 200).append(HEADER);
        Map<String, Entry> sorted = inPathOrder(owned) ? owned : new TreeMap<>(owned);
        sorted.forEach((path, entry) -> {
            if (entry.hashes().size() == 1) {
                text.append(entry.hashes().iterator().next());
            } else {
                text.append(String.join(",", entry.hashes()));
            }
            if (entry.fingerprint() != null) {
                text.append('+').append(entry.fingerprint());
            }
            text.append(' ').append(path).append('\n');
        });
        return text.toString();
    }
}
