package dev.vla4j.nodes.ros.msg;

/** {@code geometry_msgs/Twist}: linear and angular velocity, e.g. on {@code /cmd_vel}. */
public record Twist(Vector3 linear, Vector3 angular) implements RosMessage {
    public static final MessageType<Twist> TYPE = MessageType.of("geometry_msgs/Twist", Twist::read);

    public static Twist read(MessageReader in) {
        return new Twist(Vector3.read(in), Vector3.read(in));
    }

    @Override
    public void write(MessageWriter out) {
        linear.write(out);
        angular.write(out);
    }

    @Override
    public MessageType<Twist> type() {
        return TYPE;
    }
}
