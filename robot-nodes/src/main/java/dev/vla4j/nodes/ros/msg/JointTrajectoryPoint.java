package dev.vla4j.nodes.ros.msg;

/** {@code trajectory_msgs/JointTrajectoryPoint}; arrays are compared by reference. */
public record JointTrajectoryPoint(double[] positions, double[] velocities, double[] accelerations, double[] effort,
                                   RosDuration timeFromStart) implements RosMessage {
    public static final MessageType<JointTrajectoryPoint> TYPE =
            MessageType.of("trajectory_msgs/JointTrajectoryPoint", JointTrajectoryPoint::read);
    /** The fewest bytes one point takes on the wire: four empty arrays and a duration. */
    static final int MIN_BYTES = 4 * 4 + 8;

    public static JointTrajectoryPoint read(MessageReader in) {
        return new JointTrajectoryPoint(in.float64Array(), in.float64Array(), in.float64Array(), in.float64Array(),
                in.duration());
    }

    @Override
    public void write(MessageWriter out) {
        out.float64Array(positions).float64Array(velocities).float64Array(accelerations).float64Array(effort)
                .duration(timeFromStart);
    }

    @Override
    public MessageType<JointTrajectoryPoint> type() {
        return TYPE;
    }
}
