package dev.vla4j.cli.node;

import dev.vla4j.nodes.robot.RobotShape;
import dev.vla4j.nodes.safety.SafetyLimits;
import dev.vla4j.policy.Robot;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What a controller expects of the robot at the other end of a link and the safety limits its actions pass: the
 * camera, state and action sizes (defaults: the simulated robot's), the action range, the slew limit and the
 * watchdog. Shared by {@code vla4j node controller} and {@code vla4j teleop --transport}.
 */
public final class RobotShapeOptions {
    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "128",
            description = "The robot's square camera image side; with --sim the simulator renders it, 64-224 "
                    + "(default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--state-dim", paramLabel = "N", defaultValue = "4", description = "State length (default: ${DEFAULT-VALUE}).")
    int stateDim;

    @Option(names = "--action-dim", paramLabel = "N", defaultValue = "2", description = "Action length (default: ${DEFAULT-VALUE}).")
    int actionDim;

    @Option(names = "--action-limit", paramLabel = "X", defaultValue = "0.1",
            description = "Each action value is clamped to [-X, X] (default: ${DEFAULT-VALUE}, the simulator's m/step).")
    float actionLimit;

    @Option(names = "--max-step", paramLabel = "X", description = "Slew limit: largest change per step (default: none).")
    Float maxStep;

    @Option(names = "--watchdog-ms", paramLabel = "MS", defaultValue = "500",
            description = "Send hold when no new action is sent for this long (default: ${DEFAULT-VALUE}).")
    long watchdogMs;

    /** The camera image side, pixels. */
    public int imageSize() {
        return imageSize;
    }

    /** One square camera named {@code primary}, the state length and the action range. */
    public RobotShape shape(CommandLine command) {
        if (!(actionLimit > 0)) {
            throw new CommandLine.ParameterException(command, "--action-limit must be > 0, got " + actionLimit);
        }
        float[] high = new float[actionDim];
        Arrays.fill(high, actionLimit);
        float[] low = new float[actionDim];
        Arrays.fill(low, -actionLimit);
        return new RobotShape(new Robot.ObservationSpec(Map.of("primary", new int[] {imageSize, imageSize}),
                stateDim), new Robot.ActionSpec(low, high));
    }

    /** The limits every action to a robot of {@code shape} passes. */
    public SafetyLimits limits(RobotShape shape) {
        SafetyLimits limits = SafetyLimits.of(shape.action()).withStaleAfter(Duration.ofMillis(watchdogMs));
        return maxStep == null ? limits : limits.withMaxStep(maxStep);
    }
}
