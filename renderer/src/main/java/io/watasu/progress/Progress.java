package io.watasu.progress;

/**
 * How far a long command has got, for a person watching a terminal. A command makes one from its {@code --quiet}
 * option ({@code io.watasu.cli.QuietOption}) and passes it to the work that can take seconds; the work names its
 * steps and counts what it has done. Progress never changes what a command does or writes to stdout, and is
 * {@link #NONE} whenever nobody watches (see {@link ProgressSettings}).
 *
 * <p>The display owns the last line of stderr while a step runs: a command calls {@link #clear()} before it prints
 * anything on stderr itself.
 */
public interface Progress extends AutoCloseable {
    /** Shows nothing. */
    Progress NONE = new Progress() {
        @Override
        public void step(String name, long total) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void clear() {
        }

        @Override
        public void close() {
        }
    };

    /**
     * Starts a step, ending the one before.
     *
     * @param name  what is being done, lower case, e.g. {@code "rendering files"}
     * @param total how many units the step counts with {@link #advance}, or 0 when it counts none
     */
    void step(String name, long total);

    /** Counts units of the current step as done. Any thread may call it; cheap enough for a loop over every file. */
    void advance(long units);

    /** Ends the current step and removes its line, so that the command can print; the next step shows again. */
    void clear();

    /** Removes the line and stops the display for good. */
    @Override
    void close();
}
