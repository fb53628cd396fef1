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

    /**
     * Latches the software e-stop on the robot: this side's limiter holds at once, and an engage goes out on the
     * e-stop topic, where the robot's own limiter latches (ROS: latched {@code true}; MQTT: a retained engage).
     */
    void engageEStop(String reason);

    /** Releases the e-stop here and on the robot (an explicit operator action); both hold until a new command. */
    void releaseEStop(String reason);

    /** Sends the hold command now, once, instead of waiting for the watchdog (the operator chose to hold). */
    void hold();

    /** When the latest frame of the primary camera was taken, epoch ms (0 before the first). */
    long latestFrameStampMs();

    /** Publishes the controller's status (retained / latched). */
    void publishStatus(ControllerStatus status);

    /** Inputs refused so far (wrong image size, wrong state length, malformed messages). */
    long rejectedCount();

    String lastRejection();
}
