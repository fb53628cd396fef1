package dev.vla4j.policy;

/**
 * A robot as the controller sees it (DESIGN.md §6), whether simulated, on ROS 1 or on MQTT: the controller
 * cannot tell them apart. Implementations must be safe to {@link #disconnect()} at any time.
 */
public interface Robot extends AutoCloseable {
    /** Camera names (primary first) with frame sizes, and the state's length. */
    record ObservationSpec(java.util.Map<String, int[]> cameras, int stateDim) {}

    /** The action's length and its per-dimension limits in robot units. */
    record ActionSpec(float[] low, float[] high) {
        public ActionSpec {
            if (low.length != high.length || low.length == 0) {
                throw new IllegalArgumentException("action limits need one equal, non-zero length");
            }
            for (int d = 0; d < low.length; d++) {
                if (!(low[d] <= high[d])) {
                    throw new IllegalArgumentException("action dimension " + d + " has low " + low[d] + " > high " + high[d]);
                }
            }
            low = low.clone();
            high = high.clone();
        }

        public int dim() {
            return low.length;
        }
    }

    ObservationSpec observationSpec();

    ActionSpec actionSpec();

    void connect() throws Exception;

    /** The latest observation; blocks until one is available or fails with a clear message. */
    Observation observe() throws Exception;

    /** Sends one action and returns the action actually sent (after the robot side's own limits). */
    float[] send(float[] action) throws Exception;

    /** Stops the robot explicitly and releases the connection. */
    void disconnect() throws Exception;

    @Override
    default void close() throws Exception {
        disconnect();
    }
}
