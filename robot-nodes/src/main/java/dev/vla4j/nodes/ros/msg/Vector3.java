package dev.vla4j.nodes.ros.msg;

/** {@code geometry_msgs/Vector3}. */
public record Vector3(double x, double y, double z) implements RosMessage {
    public static final MessageType<Vector3> TYPE = MessageType.of("geometry_msgs/Vector3", Vector3::read);
    public static final Vector3 ZERO = new Vector3(0, 0, 0);

    public static Vector3 read(MessageReader in) {
        return new Vector3(in.float64(), in.float64(), in.float64());
    }

    @Override
    public void write(MessageWriter out) {
        out.float64(x).float64(y).float64(z);
    }

    @Override
    public MessageType<Vector3> type() {
        return TYPE;
    }
}
