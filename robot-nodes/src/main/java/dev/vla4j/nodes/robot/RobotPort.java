package dev.vla4j.nodes.robot;

import dev.vla4j.policy.RgbImage;

/**
 * The robot side of a link (the simulated-robot node, a hardware bridge): it publishes camera frames, state,
 * the task instruction and its status, and hands the controller's commands to {@link Commands}. Commands arrive
 * checked for form (length, finite values); limits, watchdog and e-stop latch are the robot's safety layer.
 */
public interface RobotPort extends AutoCloseable {
    /** What the robot does with incoming commands, called on the transport's threads. */
    interface Commands {
        void action(float[] action);

        /** An engage or an explicit release of the software e-stop. */
        void estop(boolean engaged, String reason);
    }

    /** Publishes one frame of the primary camera and the state that goes with it. */
    void publishObservation(RgbImage image, float[] state, long stampMs);

    /** Publishes the current task instruction (latched / retained) for controllers to read. */
    void publishInstruction(String text);

    /** Publishes the action a scripted expert suggests for the frame just published (simulators only). */
    void publishExpertAction(float[] action);

    void publishStatus(SimStatus status);

    /** Commands refused so far (malformed, wrong length, non-finite). */
    long rejectedCount();

    String lastRejection();

    @Override
    void close();
}
