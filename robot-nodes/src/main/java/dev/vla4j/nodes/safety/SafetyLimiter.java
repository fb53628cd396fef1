package dev.vla4j.nodes.safety;

import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one gate every command that can move a robot passes (DESIGN.md §6, specs/ros1-mqtt.md §8), on the
 * controller before sending and on the robot before executing. Pure logic on an injectable clock; thread-safe.
 *
 * <ul>
 *   <li>{@link #command} takes a new command: a non-finite value rejects it (the output holds, counted), each
 *       value is clamped to its range, then moved at most {@code maxStep} from the last output (slew limit).</li>
 *   <li>{@link #output} is what to apply now: the last command while it is fresh, else the hold command — the
 *       stale-command watchdog fires {@code staleAfter} after the last accepted command.</li>
 *   <li>An engaged e-stop holds until an explicit {@link #resetEStop}; afterwards the output holds until a new
 *       command arrives. {@link #stop} holds for good (shutdown).</li>
 * </ul>
 * Holding is immediate, never slewed: stopping always wins. This is a software protective stop, not a
 * safety-rated emergency stop.
 */
public final class SafetyLimiter {
    private static final Logger LOG = LoggerFactory.getLogger(SafetyLimiter.class);

    /** What the limiter did so far. */
    public record Counters(long accepted, long nonFinite, long clamped, long slewLimited, long staleEvents,
                           long blockedByStop) {}

    private final SafetyLimits limits;
    private final LongSupplier nanoClock;
    private final long staleAfterNanos;
    private float[] lastOutput;
    private float[] current; // the latest accepted command, null when there is none to apply
    private long currentAtNanos;
    private boolean stale;
    private String estopReason; // null while released
    private boolean stopped;
    private long accepted;
    private long nonFinite;
    private long clamped;
    private long slewLimited;
    private long staleEvents;
    private long blockedByStop;

    /** A limiter reading time from {@code nanoClock} (like {@link System#nanoTime}). */
    public SafetyLimiter(SafetyLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.staleAfterNanos = limits.staleAfter().toNanos();
        this.lastOutput = limits.hold();
    }

    /** A limiter on {@link System#nanoTime}. */
    public static SafetyLimiter onSystemClock(SafetyLimits limits) {
        return new SafetyLimiter(limits, System::nanoTime);
    }

    public SafetyLimits limits() {
        return limits;
    }

    /**
     * Takes a new command and returns what to send now: the command clamped and slew-limited, or the hold
     * command when it holds a non-finite value or the e-stop is engaged or the limiter is stopped.
     *
     * @throws IllegalArgumentException when the command has the wrong length
     */
    public synchronized float[] command(float[] requested) {
        if (requested.length != limits.dim()) {
            throw new IllegalArgumentException("a command has " + limits.dim() + " values, got " + requested.length);
        }
        if (stopped || estopReason != null) {
            blockedByStop++;
            return hold();
        }
        for (int d = 0; d < requested.length; d++) {
            if (!Float.isFinite(requested[d])) {
                nonFinite++;
                LOG.warn("rejected a command with value[{}] = {}; holding", d, requested[d]);
                return hold();
            }
        }
        float[] low = limits.low();
        float[] high = limits.high();
        float[] step = limits.maxStep();
        float[] out = new float[requested.length];
        boolean wasClamped = false;
        boolean wasSlewed = false;
        for (int d = 0; d < out.length; d++) {
            float value = Math.min(high[d], Math.max(low[d], requested[d]));
            wasClamped |= value != requested[d];
            float limited = Math.min(lastOutput[d] + step[d], Math.max(lastOutput[d] - step[d], value));
            wasSlewed |= limited != value;
            out[d] = limited;
        }
        clamped += wasClamped ? 1 : 0;
        slewLimited += wasSlewed ? 1 : 0;
        accepted++;
        current = out;
        currentAtNanos = nanoClock.getAsLong();
        stale = false;
        lastOutput = out;
        return out.clone();
    }

    /** What to apply now: the latest command while it is fresh, else the hold command. */
    public synchronized float[] output() {
        if (stopped || estopReason != null || current == null) {
            return hold();
        }
        if (nanoClock.getAsLong() - currentAtNanos > staleAfterNanos) {
            if (!stale) {
                stale = true;
                staleEvents++;
                LOG.warn("no new command for {} ms: holding", limits.staleAfter().toMillis());
            }
            return hold();
        }
        return current.clone();
    }

    /** Whether {@link #output} holds because the latest command is older than the watchdog period. */
    public synchronized boolean isStale() {
        output();
        return stale;
    }

    /** Whether {@link #output} gives the hold command now, for any reason (none yet, stale, rejected, e-stop, stop). */
    public synchronized boolean isHolding() {
        output();
        return current == null;
    }

    /**
     * The caller stops commanding (an operator chose to hold): the output holds now rather than after the
     * watchdog period, and the next command is slew-limited from the hold command. Returns the hold command.
     */
    public synchronized float[] holdNow() {
        return hold();
    }

    /** Engages the latched e-stop: the output holds until {@link #resetEStop}. Engaging again keeps the first reason. */
    public synchronized void engageEStop(String reason) {
        if (estopReason == null) {
            estopReason = reason == null || reason.isBlank() ? "(no reason given)" : reason;
            LOG.warn("e-stop engaged: {}", estopReason);
        }
        hold();
    }

    /** Releases the e-stop (an explicit operator action); the output holds until the next new command. */
    public synchronized void resetEStop() {
        if (estopReason != null) {
            LOG.info("e-stop released (was: {})", estopReason);
        }
        estopReason = null;
        current = null;
    }

    public synchronized boolean isEStopped() {
        return estopReason != null;
    }

    /** Holds for good (shutdown) and returns the hold command to send. */
    public synchronized float[] stop() {
        stopped = true;
        return hold();
    }

    public synchronized boolean isStopped() {
        return stopped;
    }

    public synchronized Counters counters() {
        return new Counters(accepted, nonFinite, clamped, slewLimited, staleEvents, blockedByStop);
    }

    private float[] hold() {
        current = null;
        lastOutput = limits.hold();
        return limits.hold();
    }
}
