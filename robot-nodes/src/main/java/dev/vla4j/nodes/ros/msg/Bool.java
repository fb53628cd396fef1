package dev.vla4j.nodes.ros.msg;

/** {@code std_msgs/Bool}, e.g. a latched e-stop. */
public record Bool(boolean data) implements RosMessage {
    public static final MessageType<Bool> TYPE = MessageType.of("std_msgs/Bool", Bool::read);

    public static Bool read(MessageReader in) {
        return new Bool(in.bool());
    }

    @Override
    public void write(MessageWriter out) {
        out.bool(data);
    }

    @Override
    public MessageType<Bool> type() {
        return TYPE;
    }
}
