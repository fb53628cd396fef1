package dev.vla4j.nodes.ros.msg;

/** {@code std_msgs/Header}: sequence number, time stamp, frame. */
public record Header(int seq, Time stamp, String frameId) implements RosMessage {
    public static final MessageType<Header> TYPE = MessageType.of("std_msgs/Header", Header::read);

    /** A header stamped now in {@code frameId}; {@code seq} is left to the publisher. */
    public static Header now(String frameId) {
        return new Header(0, Time.now(), frameId);
    }

    public Header withSeq(int newSeq) {
        return new Header(newSeq, stamp, frameId);
    }

    public static Header read(MessageReader in) {
        return new Header(in.int32(), in.time(), in.string());
    }

    @Override
    public void write(MessageWriter out) {
        out.int32(seq).time(stamp).string(frameId);
    }

    @Override
    public MessageType<Header> type() {
        return TYPE;
    }
}
