package io.watasu.plan;

/** One label (or selector term) key and value. Lists of labels are kept sorted by key for byte-stable output. */
public record Label(String key, String value) {
}
