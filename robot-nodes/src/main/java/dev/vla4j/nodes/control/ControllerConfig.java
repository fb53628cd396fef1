package dev.vla4j.nodes.control;

import java.time.Duration;

/**
 * The controller node's settings.
 *
 * @param policyName   what the status reports as the policy (e.g. {@code expert} or the model folder)
 * @param rateHz       control steps per second; a step also waits for a camera frame newer than the last
 * @param executeSteps actions executed from each chunk before the policy is asked again (open loop)
 * @param statusPeriod how often the status is published
 */
public record ControllerConfig(String policyName, double rateHz, int executeSteps, Duration statusPeriod) {
    public ControllerConfig {
        if (policyName == null || policyName.isBlank()) {
            throw new IllegalArgumentException("policyName is required");
        }
        if (!(rateHz > 0) || rateHz > 1000) {
            throw new IllegalArgumentException("rateHz must be in (0, 1000], got " + rateHz);
        }
        if (executeSteps < 1) {
            throw new IllegalArgumentException("executeSteps must be >= 1, got " + executeSteps);
        }
        if (statusPeriod == null || statusPeriod.isNegative() || statusPeriod.isZero()) {
            throw new IllegalArgumentException("statusPeriod must be positive, got " + statusPeriod);
        }
    }

    /** 10 Hz, status twice a second. */
    public static ControllerConfig of(String policyName, int executeSteps) {
        return new ControllerConfig(policyName, 10, executeSteps, Duration.ofMillis(500));
    }
}
