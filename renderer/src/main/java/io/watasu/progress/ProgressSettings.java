package io.watasu.progress;

import java.util.Map;

/**
 * Whether and how to show progress: only to a person at a terminal. Never when stderr is not a terminal (a pipe,
 * a file, a CI log), never in CI ({@code CI} set, as CI services do, some of which give the build a terminal), never
 * with {@code --quiet}. A terminal that cannot redraw a line ({@code TERM=dumb}, or no {@code TERM}) gets one plain
 * line per long step instead of a line updated in place, and {@code NO_COLOR} turns off the dimmed colour of the
 * updated line. bin/watasu and the distribution's launcher apply the same rule to what they print.
 *
 * @param mode  how to show it
 * @param color whether the updated line may be dimmed with an ANSI attribute ({@link Mode#LIVE} only)
 */
public record ProgressSettings(Mode mode, boolean color) {
    /** Set by the launcher, which can ask the shell ({@code [ -t 2 ]}); Java cannot tell whether stderr is a terminal. */
    public static final String TERMINAL_PROPERTY = "watasu.stderr.terminal";

    public enum Mode {
        /** Nothing. */
        OFF,
        /** One line per step that lasts, printed once, never redrawn: no control characters besides the newline. */
        PLAIN,
        /** One line redrawn in place ({@code \r} and erase-to-end-of-line) and removed when the step ends. */
        LIVE
    }

    public static ProgressSettings decide(boolean quiet, boolean stderrIsTerminal, Map<String, String> environment) {
        if (quiet || !stderrIsTerminal || isSet(environment, "CI")) {
            return new ProgressSettings(Mode.OFF, false);
        }
        String term = environment.getOrDefault("TERM", "");
        if (term.isBlank() || term.equals("dumb")) {
            return new ProgressSettings(Mode.PLAIN, false);
        }
        // https://no-color.org: any non-empty value.
        return new ProgressSettings(Mode.LIVE, !isSet(environment, "NO_COLOR"));
    }

    /** The decision for this process: the launcher's word on stderr, and the real environment. */
    public static ProgressSettings forThisProcess(boolean quiet) {
        return decide(quiet, Boolean.getBoolean(TERMINAL_PROPERTY), System.getenv());
    }

    private static boolean isSet(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isEmpty();
    }
}
