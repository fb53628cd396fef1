package dev.vla4j.nodes.ros.msg;

/** {@code geometry_msgs/PoseStamped}. */
public record PoseStamped(Header header, Pose pose) implements Stamped<PoseStamped> {
    public static final MessageType<PoseStamped> TYPE = MessageType.of("geometry_msgs/PoseStamped", PoseStamped::read);

    public static PoseStamped read(MessageReader in) {
        return new PoseStamped(Header.read(in), Pose.read(in));
    }

    @Override
    public void write(MessageWriter out) {
        header.write(out);
        pose.write(out);
    }

    @Override
    public PoseStamped withHeader(Header newHeader) {
        return new PoseStamped(newHeader, pose);
    }

    @Override
    public MessageType<PoseStamped> type() {
        return TYPE;
    }
}
