package dev.vla4j.nodes.control;

import dev.vla4j.nodes.robot.RemoteRobot;
import dev.vla4j.policy.ActionChunk;
import dev.vla4j.policy.Observation;
import dev.vla4j.policy.Policy;

/**
 * {@code --policy expert}: the action the simulated robot's scripted expert suggests for its latest frame (it needs
 * privileged simulator state, so the sim-robot node computes it and publishes it on the expert-action topic). A
 * chunk of one action; it fails clearly when no simulator publishes suggestions.
 */
public final class ExpertPolicy implements Policy {
    private final RemoteRobot robot;

    public ExpertPolicy(RemoteRobot robot) {
        this.robot = robot;
    }

    @Override
    public ActionChunk predictChunk(Observation observation) {
        float[] action = robot.expertAction().orElseThrow(() -> new IllegalStateException(
                "no expert action received: --policy expert needs a sim-robot node that publishes its expert's "
                        + "suggestions (vla4j node sim-robot, on by default)"));
        return new ActionChunk(new float[][] {action});
    }
}
