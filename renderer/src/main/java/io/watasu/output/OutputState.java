package io.watasu.output;

import java.util.Map;

/**
 * What an output directory holds now, as far as a write of a given tree is concerned.
 *
 * @param owned    the ownership record: path to content hashes and fingerprint (empty for a fresh directory)
 * @param existing content of every file that exists among the tree's paths and the owned paths, except reused
 *                 files the record owns (their content is the tree's, see {@link RenderedFile#reused()})
 */
public record OutputState(Map<String, OwnershipRecord.Entry> owned, Map<String, byte[]> existing) {
    public OutputState {
        owned = Map.copyOf(owned);
        existing = Map.copyOf(existing);
    }
}
