package dev.vla4j.nodes.control;

import java.util.function.BooleanSupplier;

/** Generous waits for events the nodes produce asynchronously; no test asserts a wall-clock duration tighter than these. */
public final class Waits {
    public static final long TIMEOUT_MS = 60_000;

    private Waits() {}

    public static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("waited " + TIMEOUT_MS + " ms for " + what);
            }
            Thread.sleep(20);
        }
    }
}
