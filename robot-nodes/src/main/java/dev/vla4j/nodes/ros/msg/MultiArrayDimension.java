package dev.vla4j.nodes.ros.msg;

/** {@code std_msgs/MultiArrayDimension}: label, size and stride (uint32s carried in ints). */
public record MultiArrayDimension(String label, int size, int stride) implements RosMessage {
    public static final MessageType<MultiArrayDimension> TYPE =
            MessageType.of("std_msgs/MultiArrayDimension", MultiArrayDimension::read);
    /** The fewest bytes one dimension takes on the wire (an empty label). */
    static final int MIN_BYTES = 12;

    public static MultiArrayDimension read(MessageReader in) {
        return new MultiArrayDimension(in.string(), in.int32(), in.int32());
    }

    @Override
    public void write(MessageWriter out) {
        out.string(label).int32(size).int32(stride);
    }

    @Override
    public MessageType<MultiArrayDimension> type() {
        return TYPE;
    }
}
