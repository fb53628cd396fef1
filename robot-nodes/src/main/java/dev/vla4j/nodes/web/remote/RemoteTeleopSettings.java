package dev.vla4j.nodes.web.remote;

import java.nio.file.Path;

/**
 * How {@link RemoteTeleopBackend} drives a remote robot.
 *
 * @param rateHz       control steps per second; a step also waits for a camera frame newer than the last
 * @param topSpeed     the planar speed of a full teleop command, m/s (each step sends {@code topSpeed / rateHz} m)
 * @param executeSteps actions of each policy chunk executed before the policy is asked again
 * @param dataset      a new dataset folder for recorded episodes, or null to record nothing
 */
public record RemoteTeleopSettings(double rateHz, double topSpeed, int executeSteps, Path dataset) {
    public RemoteTeleopSettings {
        if (!(rateHz > 0) || rateHz > 1000) {
            throw new IllegalArgumentException("the control rate must be in (0, 1000] Hz, got " + rateHz);
        }
        if (!(topSpeed > 0) || Double.isInfinite(topSpeed)) {
            throw new IllegalArgumentException("the teleop top speed must be a positive number of m/s, got "
                    + topSpeed);
        }
        if (executeSteps < 1) {
            throw new IllegalArgumentException("execute at least one action per chunk, got " + executeSteps);
        }
    }
}
