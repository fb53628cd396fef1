package dev.vla4j.nodes.ros.msg;

/** {@code std_msgs/String} (named so as not to hide {@link java.lang.String}). */
public record StdString(String data) implements RosMessage {
    public static final MessageType<StdString> TYPE = MessageType.of("std_msgs/String", StdString::read);

    public static StdString read(MessageReader in) {
        return new StdString(in.string());
    }

    @Override
    public void write(MessageWriter out) {
        out.string(data);
    }

    @Override
    public MessageType<StdString> type() {
        return TYPE;
    }
}
