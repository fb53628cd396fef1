package dev.vla4j.nodes.ros.msg;

/** {@code geometry_msgs/Pose}: position and orientation. */
public record Pose(Point position, Quaternion orientation) implements RosMessage {
    public static final MessageType<Pose> TYPE = MessageType.of("geometry_msgs/Pose", Pose::read);

    public static Pose read(MessageReader in) {
        return new Pose(Point.read(in), Quaternion.read(in));
    }

    @Override
    public void write(MessageWriter out) {
        position.write(out);
        orientation.write(out);
    }

    @Override
    public MessageType<Pose> type() {
        return TYPE;
    }
}
