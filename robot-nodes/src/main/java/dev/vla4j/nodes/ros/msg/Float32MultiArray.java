package dev.vla4j.nodes.ros.msg;

/** {@code std_msgs/Float32MultiArray}, e.g. an action chunk. {@code data} is compared by reference. */
public record Float32MultiArray(MultiArrayLayout layout, float[] data) implements RosMessage {
    public static final MessageType<Float32MultiArray> TYPE =
            MessageType.of("std_msgs/Float32MultiArray", Float32MultiArray::read);

    public static Float32MultiArray read(MessageReader in) {
        return new Float32MultiArray(MultiArrayLayout.read(in), in.float32Array());
    }

    @Override
    public void write(MessageWriter out) {
        layout.write(out);
        out.float32Array(data);
    }

    @Override
    public MessageType<Float32MultiArray> type() {
        return TYPE;
    }
}
