package dev.vla4j.nodes.ros.msg;

import java.util.List;

/** {@code std_msgs/MultiArrayLayout}: dimensions outermost first, and the padding before the data. */
public record MultiArrayLayout(List<MultiArrayDimension> dim, int dataOffset) implements RosMessage {
    public static final MessageType<MultiArrayLayout> TYPE =
            MessageType.of("std_msgs/MultiArrayLayout", MultiArrayLayout::read);

    public MultiArrayLayout {
        dim = List.copyOf(dim);
    }

    public static MultiArrayLayout read(MessageReader in) {
        return new MultiArrayLayout(
                in.list(MultiArrayDimension.MIN_BYTES, "MultiArrayDimension[] dim", MultiArrayDimension::read),
                in.int32());
    }

    @Override
    public void write(MessageWriter out) {
        out.messages(dim).int32(dataOffset);
    }

    @Override
    public MessageType<MultiArrayLayout> type() {
        return TYPE;
    }
}
