package dev.vla4j.nodes.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The teleop server's meters, scraped as Prometheus text from {@code /metrics}: {@code vla_control_rate_hz}
 * (control steps per second over the last second), {@code vla_control_steps_total},
 * {@code vla_inference_latency_seconds} and {@code vla_ws_rtt_seconds} (histograms: the policy's chunk time and the
 * operator page's command round trip), {@code vla_teleop_estops_total}, {@code vla_teleop_deadman_trips_total},
 * {@code vla_teleop_frames_sent_total}, {@code vla_teleop_frames_dropped_total} (a viewer too slow for a frame),
 * {@code vla_teleop_commands_rejected_total} and {@code vla_teleop_clients}.
 */
final class TeleopMetrics {
    private static final long RATE_WINDOW_NS = 1_000_000_000L;

    final Counter estops;
    final Counter deadmanTrips;
    final Counter framesSent;
    final Counter framesDropped;
    final Counter commandsRejected;
    final Counter controlSteps;
    final Timer inference;
    final Timer roundTrip;
    final AtomicInteger clients = new AtomicInteger();
    private final Deque<Long> stepTimes = new ArrayDeque<>();
    private long lastStep = -1;

    TeleopMetrics(PrometheusMeterRegistry registry) {
        estops = Counter.builder("vla.teleop.estops").description("E-stops latched").register(registry);
        deadmanTrips = Counter.builder("vla.teleop.deadman.trips").description("Teleop stopped by the deadman")
                .register(registry);
        framesSent = Counter.builder("vla.teleop.frames.sent").description("Camera frames sent to viewers")
                .register(registry);
        framesDropped = Counter.builder("vla.teleop.frames.dropped")
                .description("Camera frames skipped for a viewer whose connection was still busy").register(registry);
        commandsRejected = Counter.builder("vla.teleop.commands.rejected")
                .description("Messages refused: stale, invalid, or from a viewer without control").register(registry);
        controlSteps = Counter.builder("vla.control.steps").description("Robot control steps").register(registry);
        inference = latency("vla.inference.latency", "Time the policy took per action chunk", registry);
        roundTrip = latency("vla.ws.rtt", "Command round trip measured by the operator's page", registry);
        Gauge.builder("vla.control.rate", this, TeleopMetrics::controlRate).baseUnit("hz")
                .description("Control steps per second over the last second").register(registry);
        Gauge.builder("vla.teleop.clients", clients, AtomicInteger::get).description("Connected pages")
                .register(registry);
    }

    private static Timer latency(String name, String description, PrometheusMeterRegistry registry) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
    }

    /** Counts the steps a status reports since the previous one. */
    synchronized void stepReached(long step) {
        if (lastStep >= 0 && step > lastStep) {
            controlSteps.increment(step - lastStep);
            long now = System.nanoTime();
            for (long s = lastStep; s < step; s++) {
                stepTimes.addLast(now);
            }
        }
        lastStep = step;
    }

    private synchronized double controlRate() {
        long now = System.nanoTime();
        while (!stepTimes.isEmpty() && now - stepTimes.peekFirst() > RATE_WINDOW_NS) {
            stepTimes.removeFirst();
        }
        return stepTimes.size() * 1e9 / RATE_WINDOW_NS;
    }
}
