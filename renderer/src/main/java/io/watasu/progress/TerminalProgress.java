package io.watasu.progress;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Progress on the last line of a terminal: {@code watasu: rendering files 4210/9287 (1.3 s)}, redrawn ten times a
 * second by a daemon thread and erased when the step ends ({@link ProgressSettings.Mode#LIVE}), or printed once per
 * step ({@link ProgressSettings.Mode#PLAIN}). Nothing shows during the first {@link #QUIET_START_NANOS} of a
 * command, so that quick runs print exactly what they printed before.
 */
public final class TerminalProgress implements Progress {
    static final long QUIET_START_NANOS = TimeUnit.MILLISECONDS.toNanos(400);
    private static final long REDRAW_MILLIS = 100;
    private static final String ERASE_LINE = "\r\033[K";
    private static final String DIM = "\033[2m";
    private static final String NORMAL = "\033[22m";

    private final PrintWriter err;
    private final ProgressSettings settings;
    private final int columns;
    private final LongSupplier nanoClock;
    private final long createdAt;
    private final LongAdder done = new LongAdder();
    private final Object lock = new Object();
    private String step;
    private long total;
    private long stepStartedAt;
    private boolean shown;
    private boolean closed;
    private Thread ticker;

    TerminalProgress(PrintWriter err, ProgressSettings settings, int columns, LongSupplier nanoClock) {
        this.err = err;
        this.settings = settings;
        this.columns = columns;
        this.nanoClock = nanoClock;
        this.createdAt = nanoClock.getAsLong();
    }

    /** The display {@code settings} ask for on {@code err}: {@link Progress#NONE} when they say off. */
    public static Progress open(PrintWriter err, ProgressSettings settings, Map<String, String> environment) {
        if (settings.mode() == ProgressSettings.Mode.OFF) {
            return NONE;
        }
        TerminalProgress progress = new TerminalProgress(err, settings, columns(environment), System::nanoTime);
        progress.startTicker();
        return progress;
    }

    /** The terminal width when the shell exported it, else 80; lines are cut short of it so that none wraps. */
    static int columns(Map<String, String> environment) {
        try {
            int columns = Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    private void startTicker() {
        ticker = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(REDRAW_MILLIS);
                    tick();
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "watasu-progress");
        ticker.setDaemon(true);
        ticker.start();
    }

    @Override
    public void step(String name, long total) {
        synchronized (lock) {
            erase();
            this.step = name;
            this.total = Math.max(0, total);
            this.done.reset();
            this.stepStartedAt = nanoClock.getAsLong();
        }
    }

    @Override
    public void advance(long units) {
        done.add(units);
    }

    @Override
    public void clear() {
        synchronized (lock) {
            erase();
            step = null;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            erase();
            step = null;
            closed = true;
        }
        if (ticker != null) {
            ticker.interrupt();
        }
    }

    /** Draws the current step, if there is one and the command has run long enough; the ticker calls it. */
    void tick() {
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            if (closed || step == null || now - createdAt < QUIET_START_NANOS) {
                return;
            }
            if (settings.mode() == ProgressSettings.Mode.PLAIN) {
                if (!shown) {
                    err.println(fit("watasu: " + step + (total > 0 ? " (" + total + ")" : "") + "..."));
                    err.flush();
                    shown = true;
                }
                return;
            }
            String line = fit(line(now));
            err.print("\r" + (settings.color() ? DIM + line + NORMAL : line) + "\033[K");
            err.flush();
            shown = true;
        }
    }

    /** The live line: step, count, seconds in the step. */
    String line(long now) {
        String count = total > 0 ? " " + Math.min(done.sum(), total) + "/" + total : "";
        double seconds = (now - stepStartedAt) / 1e9;
        return String.format(Locale.ROOT, "watasu: %s%s (%.1f s)", step, count, seconds);
    }

    private String fit(String line) {
        return line.length() < columns ? line : line.substring(0, columns - 4) + "...";
    }

    private void erase() {
        if (shown && settings.mode() == ProgressSettings.Mode.LIVE) {
            err.print(ERASE_LINE);
            err.flush();
        }
        shown = false;
    }
}
