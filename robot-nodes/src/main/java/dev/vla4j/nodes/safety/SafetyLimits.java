package dev.vla4j.nodes.safety;

import dev.vla4j.policy.Robot;
import java.time.Duration;
import java.util.Arrays;

/**
 * What a {@link SafetyLimiter} enforces, per action dimension in robot units: the range {@code [low, high]}, the
 * largest change from one sent command to the next ({@code maxStep}, infinite for none), the {@code hold} command
 * sent when commands go stale, the e-stop is engaged or the node stops (zero velocity for a velocity- or
 * displacement-commanded robot), and {@code staleAfter}, how long a command stays valid without a new one.
 */
public record SafetyLimits(float[] low, float[] high, float[] maxStep, float[] hold, Duration staleAfter) {
    /** The watchdog period of diff_drive_controller and twist_mux (specs/ros1-mqtt.md §8). */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofMillis(500);

    public SafetyLimits {
        int dim = low.length;
        if (dim == 0 || high.length != dim || maxStep.length != dim || hold.length != dim) {
            throw new IllegalArgumentException("low, high, maxStep and hold need one equal, non-zero length, got "
                    + low.length + ", " + high.length + ", " + maxStep.length + " and " + hold.length);
        }
        for (int d = 0; d < dim; d++) {
            if (!Float.isFinite(low[d]) || !Float.isFinite(high[d]) || !(low[d] <= high[d])) {
                throw new IllegalArgumentException("dimension " + d + ": limits must be finite with low <= high, got ["
                        + low[d] + ", " + high[d] + "]");
            }
            if (!(maxStep[d] > 0)) {
                throw new IllegalArgumentException("dimension " + d + ": maxStep must be > 0 (infinite for no slew "
                        + "limit), got " + maxStep[d]);
            }
            if (!(hold[d] >= low[d] && hold[d] <= high[d])) {
                throw new IllegalArgumentException("dimension " + d + ": the hold command " + hold[d]
                        + " lies outside [" + low[d] + ", " + high[d] + "]");
            }
        }
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive, got " + staleAfter);
        }
        low = low.clone();
        high = high.clone();
        maxStep = maxStep.clone();
        hold = hold.clone();
    }

    /** The robot's limits, no slew limit, hold at zero, the default watchdog (0.5 s). */
    public static SafetyLimits of(Robot.ActionSpec spec) {
        float[] unlimited = new float[spec.dim()];
        Arrays.fill(unlimited, Float.POSITIVE_INFINITY);
        return new SafetyLimits(spec.low(), spec.high(), unlimited, new float[spec.dim()], DEFAULT_STALE_AFTER);
    }

    public int dim() {
        return low.length;
    }

    /** These limits with the same largest step on every dimension. */
    public SafetyLimits withMaxStep(float step) {
        float[] steps = new float[dim()];
        Arrays.fill(steps, step);
        return new SafetyLimits(low, high, steps, hold, staleAfter);
    }

    public SafetyLimits withHold(float[] command) {
        return new SafetyLimits(low, high, maxStep, command, staleAfter);
    }

    public SafetyLimits withStaleAfter(Duration period) {
        return new SafetyLimits(low, high, maxStep, hold, period);
    }

    @Override
    public float[] low() {
        return low.clone();
    }

    @Override
    public float[] high() {
        return high.clone();
    }

    @Override
    public float[] maxStep() {
        return maxStep.clone();
    }

    @Override
    public float[] hold() {
        return hold.clone();
    }
}
