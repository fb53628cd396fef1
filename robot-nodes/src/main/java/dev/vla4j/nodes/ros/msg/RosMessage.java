package dev.vla4j.nodes.ros.msg;

/**
 * A ROS 1 message as a Java record. Unsigned ROS integers ({@code uint32} and narrower) are carried in the next
 * Java type that holds them or, for {@code uint32}, in an {@code int} read as unsigned.
 */
public interface RosMessage {
    /** The message's type: name, md5sum, definition and decoder. */
    MessageType<?> type();

    /** Appends this message's fields in wire order (specs/ros1-mqtt.md §5.8). */
    void write(MessageWriter out);
}
