package io.watasu.cli;

/** Exit codes every command keeps, so that CI can branch on them. Documented in the README. */
public final class ExitCodes {
    /** Success (for {@code render --check}: output is up to date; for {@code diff}: access did not widen). */
    public static final int OK = 0;
    /** The input is invalid (watasu.yaml errors), or a check found a problem (stale output, policy violation). */
    public static final int INVALID_INPUT = 1;
    /** The command line itself is wrong (unknown option, missing argument). */
    public static final int USAGE = 2;
    /** Anything else: I/O, Git transport, an internal failure. */
    public static final int FAILURE = 3;
    /** {@code diff}: the change widens access (new connections granted). */
    public static final int ACCESS_WIDENED = 4;

    private ExitCodes() {
    }
}
