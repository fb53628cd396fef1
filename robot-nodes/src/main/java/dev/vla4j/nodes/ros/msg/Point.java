package dev.vla4j.nodes.ros.msg;

/** {@code geometry_msgs/Point}. */
public record Point(double x, double y, double z) implements RosMessage {
    public static final MessageType<Point> TYPE = MessageType.of("geometry_msgs/Point", Point::read);

    public static Point read(MessageReader in) {
        return new Point(in.float64(), in.float64(), in.float64());
    }

    @Override
    public void write(MessageWriter out) {
        out.float64(x).float64(y).float64(z);
    }

    @Override
    public MessageType<Point> type() {
        return TYPE;
    }
}
