package dev.vla4j.policy.train;

/** Linear warmup from 0 to the peak, then a cosine decay to {@code minRatio}·peak at the last step. */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, double minRatio) {
    public LearningRateSchedule {
        if (!(peak > 0) || warmupSteps < 0 || totalSteps <= 0 || warmupSteps > totalSteps || !(minRatio >= 0 && minRatio <= 1)) {
            throw new IllegalArgumentException("learning rate schedule needs peak > 0, 0 <= warmup <= total, total > 0 "
                    + "and 0 <= min ratio <= 1; got " + this);
        }
    }

    /** The rate for the 1-based update {@code step}. */
    public double at(long step) {
        if (step <= warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        return peak * (minRatio + (1 - minRatio) * 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
}
