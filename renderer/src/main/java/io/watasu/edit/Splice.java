package io.watasu.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Replace {@code [start, end)} of the original text with {@code replacement}; an insertion has {@code start == end}. */
record Splice(int start, int end, String replacement) {
    Splice {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad splice [" + start + ", " + end + ")");
        }
    }

    static Splice insert(int at, String text) {
        return new Splice(at, at, text);
    }

    static Splice delete(int start, int end) {
        return new Splice(start, end, "");
    }

    /**
     * Applies non-overlapping splices, all expressed against the original text. They are applied from the end of the
     * text backwards so earlier offsets stay valid; at one offset a deletion goes before an insertion, so the
     * inserted text survives.
     */
    static String apply(String text, List<Splice> splices) {
        List<Splice> ordered = new ArrayList<>(splices);
        ordered.sort(Comparator.comparingInt(Splice::start).thenComparingInt(Splice::end).reversed());
        StringBuilder out = new StringBuilder(text);
        int limit = text.length();
        for (Splice s : ordered) {
            if (s.end() > limit) {
                throw new IllegalStateException("overlapping splices at " + s.start());
            }
            out.replace(s.start(), s.end(), s.replacement());
            limit = s.start();
        }
        return out.toString();
    }
}
