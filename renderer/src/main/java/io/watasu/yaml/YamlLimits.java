package io.watasu.yaml;

/**
 * The limits every reader of YAML text in watasu enforces, so that a hostile document costs at most linear time and
 * memory and each reader refuses the same texts.
 */
public final class YamlLimits {
    /** Largest accepted input. A 10,000-app watasu.yaml is a few MiB; anything near this limit is not one. */
    public static final int MAX_INPUT_BYTES = 16 * 1024 * 1024;
    /** Aliases (*name) allowed in one file: enough for shared lists, far too few for an exponential "alias bomb". */
    public static final int MAX_ALIASES = 50;
    /** Collections nested deeper than this are rejected; a watasu.yaml needs 7 levels. */
    public static final int MAX_NESTING_DEPTH = 32;

    private YamlLimits() {
    }
}
