package dev.vla4j.nodes.web;

import java.io.IOException;

/**
 * The robot side of the teleop web UI: whatever owns the robot (the simulator in process, or a controller node
 * talking to a robot over ROS or MQTT) implements this, and {@link TeleopServer} knows nothing else about it.
 *
 * <p>Safety that does not depend on a browser lives behind this interface: the e-stop latch (checked before every
 * action sent), and the robot's own limits. The server adds the deadman and the operator lease in front of it.
 * Every method may be called from any thread and must return quickly.
 */
public interface TeleopBackend extends AutoCloseable {
    /** Receives what the robot produces, on the backend's thread; implementations must not block. */
    interface Listener {
        void onFrame(CameraImage frame);

        /** After each control step (and after every change an operator made). */
        void onStatus(RobotStatus status);
    }

    void addListener(Listener listener);

    RobotStatus status();

    /**
     * The operator's velocity command in the camera image's frame: {@code right} and {@code up}, each a fraction
     * of the backend's top speed in [-1, 1]. It applies in {@link Mode#TELEOP} only and lasts until replaced.
     */
    void drive(double right, double up);

    /** Switches who moves the robot; refused (IllegalStateException) while the e-stop is latched, except HOLD. */
    void setMode(Mode mode);

    /** The instruction the policy gets from now on (and the task of an episode started later). */
    void setInstruction(String text);

    /** Latches the e-stop: the robot stops at once and the mode becomes HOLD. */
    void estop();

    /** Clears the e-stop latch; the robot stays in HOLD until a mode is chosen. */
    void resetEstop();

    /** Starts recording an episode with the current instruction as its task. */
    void startEpisode();

    /** Commits the episode being recorded to the dataset. */
    void stopEpisode() throws IOException;

    /** Drops the episode being recorded. */
    void discardEpisode();

    @Override
    void close();
}
