package io.watasu.output;

import io.watasu.files.OwnedTree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
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

    /**
     * A record as read: its text and what it says (see {@link #parse}).
     *
     * @param root   the folder it was read from, when it was
     * @param status its status then, when settled (see {@link StatCache})
     */
    record Read(String text, Map<String, Entry> owned, Path root, StatCache.Status status) {
    }

    /** The last record read or parsed: a render reads the same record two or three times (reuse check, writer). */
    private static volatile Read last;

    /**
     * The record of {@code out}; null when there is none. It is read again only when its status has moved since the
     * last read (see {@link StatCache}): a fleet's record is megabytes.
     */
    static Read read(OwnedTree out) throws IOException {
        Read previous = last;
        long readAt = StatCache.now();
        StatCache.Status status = StatCache.Status.of(out, RELATIVE_PATH).orElse(null);
        if (previous != null && status != null && status.equals(previous.status())
                && out.root().equals(previous.root())) {
            return previous;
        }
        byte[] bytes = out.readIfExists(RELATIVE_PATH);
        if (bytes == null) {
            return null;
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        Read read = new Read(text, parse(text), out.root(),
                status != null && status.settledAt(readAt) ? status : null);
        last = read;
        return read;
    }

    /**
     * Path to what is recorded for it, in path order with lookups by hash (unmodifiable); tolerant of blank lines
     * and comments. Every path is checked to stay inside the folder and out of its bookkeeping (see
     * {@link OutputWriter#checkRelativePath}), once for all of the record's readers.
     */
    public static Map<String, Entry> parse(String text) {
        Read previous = last;
        if (previous != null && previous.text().equals(text)) {
            return previous.owned();
        }
        Map<String, Entry> owned = Collections.unmodifiableMap(parseLines(text));
        last = new Read(text, owned, null, null);
        return owned;
    }

    /** The lines' entries in path order, their paths checked. */
    private static Map<String, Entry> parseLines(String text) {
        Map<String, Entry> owned = new LinkedHashMap<>();
        String previousPath = null;
        boolean inOrder = true;
        // The files of a team folder share one fingerprint: one copy of it, not one per line.
        Map<String, String> fingerprints = new HashMap<>();
        String lastFingerprint = "";
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            if (text.charAt(start) == '#' || isBlank(text, start, end)) {
                continue;
            }
            // <hashes>[+<fingerprint>] <path>, taken apart in place: a fleet's record has tens of thousands of lines.
            int space = indexOf(text, ' ', start, end);
            int plus = indexOf(text, '+', start, space < 0 ? end : space);
            String hashList = text.substring(start, plus < 0 ? Math.max(space, start) : plus);
            Set<String> hashes = hashList.indexOf(',') < 0 ? Set.of(hashList)
                    : new LinkedHashSet<>(List.of(hashList.split(",")));
            if (space <= start || plus >= 0 && (hashes.size() != 1 || indexOf(text, '+', plus + 1, space) >= 0)) {
                throw new OutputException("damaged ownership record " + RELATIVE_PATH + ": line '"
                        + text.substring(start, end) + "'; restore it from version control or delete the output"
                        + " folder and render again");
            }
            String fingerprint = null;
            if (plus >= 0) {
                boolean sameAsLast = space - plus - 1 == lastFingerprint.length()
                        && text.startsWith(lastFingerprint, plus + 1);
                fingerprint = sameAsLast ? lastFingerprint
                        : fingerprints.computeIfAbsent(text.substring(plus + 1, space), f -> f);
                lastFingerprint = fingerprint;
            }
            String path = text.substring(space + 1, end);
            OutputWriter.checkRelativePath(path);
            inOrder &= previousPath == null || previousPath.compareTo(path) < 0;
            previousPath = path;
            owned.put(path, new Entry(hashes, fingerprint));
        }
        // Out of order when edited by hand, or written by an older build.
        return inOrder ? owned : new LinkedHashMap<>(new TreeMap<>(owned));
    }

    /**
     * Where {@code c} first is in {@code text} from {@code from} to {@code to}; -1 when it is not there. Bounded: a
     * search to the end of the text for what a line lacks (records without fingerprints) made parsing quadratic.
     */
    private static int indexOf(String text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** True when iterating {@code map} gives its paths in the record's order (checked in one pass). */
    static boolean inPathOrder(Map<String, ?> map) {
        Read read = last;
        if (read != null && map == read.owned()
                || map instanceof SortedMap<String, ?> sorted && sorted.comparator() == null) {
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
        merge(first, second, both, merged::put);
        return merged;
    }

    /** {@link #merge(Map, Map, BinaryOperator)} formatted as a record, without building the merged map. */
    static String formatMerged(Map<String, Entry> first, Map<String, Entry> second, BinaryOperator<Entry> both) {
        StringBuilder text = new StringBuilder(HEADER.length() + Math.max(first.size(), second.size()) * 200)
                .append(HEADER);
        merge(first, second, both, (path, entry) -> appendLine(text, path, entry));
        return text.toString();
    }

    private static void merge(Map<String, Entry> first, Map<String, Entry> second, BinaryOperator<Entry> both,
                              BiConsumer<String, Entry> into) {
        Iterator<Map.Entry<String, Entry>> a = first.entrySet().iterator();
        Iterator<Map.Entry<String, Entry>> b = second.entrySet().iterator();
        Map.Entry<String, Entry> nextA = a.hasNext() ? a.next() : null;
        Map.Entry<String, Entry> nextB = b.hasNext() ? b.next() : null;
        while (nextA != null || nextB != null) {
            int order = nextA == null ? 1 : nextB == null ? -1 : nextA.getKey().compareTo(nextB.getKey());
            if (order < 0) {
                into.accept(nextA.getKey(), nextA.getValue());
                nextA = a.hasNext() ? a.next() : null;
            } else if (order > 0) {
                into.accept(nextB.getKey(), nextB.getValue());
                nextB = b.hasNext() ? b.next() : null;
            } else {
                into.accept(nextA.getKey(), both.apply(nextA.getValue(), nextB.getValue()));
                nextA = a.hasNext() ? a.next() : null;
                nextB = b.hasNext() ? b.next() : null;
            }
        }
    }

    public static String format(Map<String, Entry> owned) {
        return formatInOrder(inPathOrder(owned) ? owned : new TreeMap<>(owned));
    }

    /** As {@link #format}, for a map known to be in path order (such as one {@link #merge} built). */
    static String formatInOrder(Map<String, Entry> owned) {
        StringBuilder text = new StringBuilder(HEADER.length() + owned.size() * 200).append(HEADER);
        owned.forEach((path, entry) -> appendLine(text, path, entry));
        return text.toString();
    }

    private static void appendLine(StringBuilder text, String path, Entry entry) {
        if (entry.hashes().size() == 1) {
            text.append(entry.hashes().iterator().next());
        } else {
            text.append(String.join(",", entry.hashes()));
        }
        if (entry.fingerprint() != null) {
            text.append('+').append(entry.fingerprint());
        }
        text.append(' ').append(path).append('\n');
    }
}
