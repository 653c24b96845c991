package io.watasu.output;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an output directory holds now, as far as a write of a given tree is concerned.
 *
 * @param owned    the ownership record: path to content hashes and fingerprint (empty for a fresh directory), by path
 * @param existing content of every file that exists among the tree's paths and the owned paths, except reused
 *                 files the record owns (their content is the tree's, see {@link RenderedFile#reused()})
 * @param strays   files (and links) in the folders directly under the directory that are neither rendered nor
 *                 owned, sorted: files watasu did not write, where Argo CD would find them
 * @param leftovers watasu's own temporary files in those folders, left by a run that was killed
 */
public record OutputState(Map<String, OwnershipRecord.Entry> owned, Map<String, byte[]> existing,
                          List<String> strays, List<String> leftovers) {
    /**
     * {@code owned} is kept as given when it is in path order (the parsed record, or a part of it), so the caller
     * must not change it afterwards: a fleet's record has tens of thousands of paths, which each re-render would
     * otherwise copy once more.
     */
    public OutputState {
        // In path order, as the record is, with lookups by hash: a re-render looks up every rendered path.
        owned = Collections.unmodifiableMap(OwnershipRecord.inPathOrder(owned) ? owned
                : new LinkedHashMap<>(new TreeMap<>(owned)));
        existing = Map.copyOf(existing);
        strays = List.copyOf(strays);
        leftovers = List.copyOf(leftovers);
    }
}
