package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits, with a generous timeout, for something the broker delivers asynchronously. */
final class Await {
    static final long TIMEOUT_MS = 20_000;

    private Await() {}

    static <T> T value(String what, Supplier<Optional<T>> probe) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            pause();
        }
        return fail("waited " + TIMEOUT_MS + " ms for " + what);
    }

    static void until(String what, BooleanSupplier condition) {
        value(what, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    static <T> T next(String what, BlockingQueue<T> queue) {
        try {
            T value = queue.poll(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            return value != null ? value : fail("waited " + TIMEOUT_MS + " ms for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted while waiting for " + what);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
