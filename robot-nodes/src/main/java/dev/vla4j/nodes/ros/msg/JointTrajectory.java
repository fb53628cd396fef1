package dev.vla4j.nodes.ros.msg;

import java.util.List;

/** {@code trajectory_msgs/JointTrajectory}: joint names and timed points. */
public record JointTrajectory(Header header, List<String> jointNames, List<JointTrajectoryPoint> points)
        implements Stamped<JointTrajectory> {
    public static final MessageType<JointTrajectory> TYPE =
            MessageType.of("trajectory_msgs/JointTrajectory", JointTrajectory::read);

    public JointTrajectory {
        jointNames = List.copyOf(jointNames);
        points = List.copyOf(points);
    }

    public static JointTrajectory read(MessageReader in) {
        return new JointTrajectory(Header.read(in), in.stringArray(),
                in.list(JointTrajectoryPoint.MIN_BYTES, "JointTrajectoryPoint[] points", JointTrajectoryPoint::read));
    }

    @Override
    public void write(MessageWriter out) {
        header.write(out);
        out.stringArray(jointNames).messages(points);
    }

    @Override
    public JointTrajectory withHeader(Header newHeader) {
        return new JointTrajectory(newHeader, jointNames, points);
    }

    @Override
    public MessageType<JointTrajectory> type() {
        return TYPE;
    }
}
