package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.safety.SafetyLimiter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller side's only way to the action topic: every command passes the {@link SafetyLimiter}; a watchdog
 * sends the hold command once when the caller stops commanding for the limiter's period (a hung policy); an
 * e-stop holds at once; {@link #stop} sends hold a few times before the connection closes.
 */
final class CommandGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommandGate.class);
    static final int STOP_REPEATS = 3;

    private final SafetyLimiter limiter;
    private final Consumer<float[]> sink;
    private final ScheduledExecutorService watchdog;
    private boolean holdSent = true;

    CommandGate(SafetyLimiter limiter, Consumer<float[]> sink, String name) {
        this.limiter = limiter;
        this.sink = sink;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, name + "-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        long periodMs = Math.max(10, limiter.limits().staleAfter().toMillis() / 5);
        watchdog.scheduleAtFixedRate(this::checkStale, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    SafetyLimiter limiter() {
        return limiter;
    }

    /** Limits {@code action}, sends the result and returns it. */
    synchronized float[] send(float[] action) {
        float[] sent = limiter.command(action);
        holdSent = false;
        sink.accept(sent);
        return sent;
    }

    /** Holds now ({@link SafetyLimiter#holdNow}) and sends the hold command once. */
    synchronized void hold() {
        limiter.holdNow();
        sendHold();
    }

    synchronized void engageEStop(String reason) {
        limiter.engageEStop(reason);
        sendHold();
    }

    synchronized void resetEStop() {
        limiter.resetEStop();
    }

    /** Holds for good and sends the hold command {@value #STOP_REPEATS} times, {@code spacing} apart. */
    void stop(Duration spacing) throws InterruptedException {
        watchdog.shutdownNow();
        float[] hold = limiter.stop();
        for (int i = 0; i < STOP_REPEATS; i++) {
            if (i > 0) {
                Thread.sleep(spacing.toMillis());
            }
            try {
                sink.accept(hold);
            } catch (RuntimeException e) {
                LOG.warn("could not send the stop command ({} of {}): {}", i + 1, STOP_REPEATS, e.getMessage());
            }
        }
    }

    private synchronized void checkStale() {
        if (!holdSent && (limiter.isStale() || limiter.isEStopped())) {
            sendHold();
        }
    }

    private void sendHold() {
        holdSent = true;
        try {
            sink.accept(limiter.limits().hold());
        } catch (RuntimeException e) {
            LOG.warn("could not send the hold command: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        watchdog.shutdownNow();
    }
}
