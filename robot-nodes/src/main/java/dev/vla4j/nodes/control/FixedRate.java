package dev.vla4j.nodes.control;

import java.util.concurrent.locks.LockSupport;

/** Paces a loop at a fixed rate without drift; a late step starts the next period at once rather than catching up. */
final class FixedRate {
    private final long periodNanos;
    private long next;

    FixedRate(double hz) {
        if (!(hz > 0) || hz > 1000) {
            throw new IllegalArgumentException("a control rate must be in (0, 1000] Hz, got " + hz);
        }
        this.periodNanos = (long) (1e9 / hz);
        this.next = System.nanoTime();
    }

    long periodNanos() {
        return periodNanos;
    }

    /** Waits for the start of the next period. */
    void await() {
        next += periodNanos;
        long now = System.nanoTime();
        if (next < now) {
            next = now;
            return;
        }
        while (now < next && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(next - now);
            now = System.nanoTime();
        }
    }
}
