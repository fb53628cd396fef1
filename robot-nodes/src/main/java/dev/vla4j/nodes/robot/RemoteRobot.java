package dev.vla4j.nodes.robot;

import dev.vla4j.policy.Robot;
import java.util.Optional;

/**
 * A {@link Robot} reached over a transport, as the controller node drives it. {@link #send} passes every action
 * through the robot's {@link dev.vla4j.nodes.safety.SafetyLimiter} (clamp, slew, NaN rejection, watchdog hold,
 * e-stop latch); {@link #observe} returns the observation of a frame newer than the last one returned, waiting for
 * it; {@link #connect} refuses while another controller owns the action topic ({@link CommandTopicBusyException});
 * {@link #disconnect} sends the hold command a few times before closing.
 */
public interface RemoteRobot extends Robot {
    /** The latest instruction from the instruction topic ("" before the first). */
    String instruction();

    /** The latest action a simulator's scripted expert suggests for the current frame (privileged; sim only). */
    Optional<float[]> expertAction();

    /** Whether the latched e-stop is engaged (from the e-stop topic; only an explicit release clears it). */
    boolean isEStopped();

    /** Publishes the controller's status (retained / latched). */
    void publishStatus(ControllerStatus status);

    /** Inputs refused so far (wrong image size, wrong state length, malformed messages). */
    long rejectedCount();

    String lastRejection();
}
