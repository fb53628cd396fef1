package dev.vla4j.policy.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Progress of long work: a bar redrawn in place on a terminal, plain lines (every 10%, and at the end) otherwise,
 * so logs never fill with carriage returns. Each update may carry a short message (loss, rate, …).
 */
public final class Progress {
    private static final int BAR_WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final long startNanos = System.nanoTime();
    private int lastDecile = -1;

    public Progress(String label, long total, PrintStream out, boolean terminal) {
        if (total <= 0) {
            throw new IllegalArgumentException("progress total must be positive, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
    }

    /** On stderr; a bar when a console is attached. */
    public static Progress onStderr(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null);
    }

    public void update(long done, String message) {
        long clamped = Math.min(Math.max(done, 0), total);
        double fraction = (double) clamped / total;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String eta = clamped == 0 ? "?" : format(Duration.ofMillis((long) (seconds / fraction * (1 - fraction) * 1000)));
        String text = String.format(Locale.ROOT, "%s %d/%d (%.0f%%) %s elapsed, eta %s%s", label, clamped, total,
                100 * fraction, format(Duration.ofMillis((long) (seconds * 1000))), eta,
                message == null || message.isBlank() ? "" : " " + message);
        if (terminal) {
            int filled = (int) Math.round(fraction * BAR_WIDTH);
            out.print("\r[" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + text + "\u001b[K");
            if (clamped == total) {
                out.println();
            }
        } else {
            int decile = (int) Math.floor(fraction * 10);
            if (decile != lastDecile || clamped == total) {
                out.println(text);
            }
            lastDecile = decile;
        }
        out.flush();
    }

    private static String format(Duration duration) {
        long s = duration.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
