package dev.vla4j.nodes.ros;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs an action at a fixed period on a daemon thread until closed (a test publisher loop). */
final class Repeater implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private Repeater(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static Repeater every(long periodMs, Runnable action) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "test-repeater");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(action, 0, periodMs, TimeUnit.MILLISECONDS);
        return new Repeater(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
