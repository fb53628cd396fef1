package dev.vla4j.nodes.ros.msg;

/** {@code geometry_msgs/Quaternion}. */
public record Quaternion(double x, double y, double z, double w) implements RosMessage {
    public static final MessageType<Quaternion> TYPE = MessageType.of("geometry_msgs/Quaternion", Quaternion::read);
    public static final Quaternion IDENTITY = new Quaternion(0, 0, 0, 1);

    public static Quaternion read(MessageReader in) {
        return new Quaternion(in.float64(), in.float64(), in.float64(), in.float64());
    }

    @Override
    public void write(MessageWriter out) {
        out.float64(x).float64(y).float64(z).float64(w);
    }

    @Override
    public MessageType<Quaternion> type() {
        return TYPE;
    }
}
