package dev.vla4j.nodes.control;

import dev.vla4j.sim.EnvConfig;
import dev.vla4j.sim.Split;
import java.time.Duration;

/**
 * The simulated-robot node's settings.
 *
 * @param suite         task suite ({@code dev.vla4j.sim.tasks.Suites})
 * @param task          one task of the suite, or null to cycle through all of them, one per episode
 * @param firstSeed     seed of the first episode; each next episode takes the next seed
 * @param split         evaluation split
 * @param env           image size and physics substeps
 * @param rateHz        control steps per second (10 = real time for the 10 Hz simulator)
 * @param autoReset     start the next episode when one ends (else hold and wait)
 * @param publishExpert publish the scripted expert's suggested action each step, for {@code --policy expert}
 * @param staleAfter    the robot-side command watchdog
 */
public record SimRobotConfig(String suite, String task, long firstSeed, Split split, EnvConfig env, double rateHz,
                             boolean autoReset, boolean publishExpert, Duration staleAfter) {
    public SimRobotConfig {
        if (suite == null || suite.isBlank() || split == null || env == null || staleAfter == null) {
            throw new IllegalArgumentException("suite, split, env and staleAfter are required");
        }
        if (!(rateHz > 0) || rateHz > 1000) {
            throw new IllegalArgumentException("rateHz must be in (0, 1000], got " + rateHz);
        }
    }

    /** Real time (10 Hz), held-in split, 128 px images, auto reset, expert published, 0.5 s watchdog. */
    public static SimRobotConfig defaults(String suite, String task, long firstSeed) {
        return new SimRobotConfig(suite, task, firstSeed, Split.HELD_IN, EnvConfig.DEFAULT, 10, true, true,
                Duration.ofMillis(500));
    }
}
