package dev.vla4j.nodes.ros.msg;

/** A message with a {@code std_msgs/Header}; publishers fill in {@code seq} like rospy does. */
public interface Stamped<T extends Stamped<T>> extends RosMessage {
    Header header();

    /** A copy of this message with {@code header} instead of the current one. */
    T withHeader(Header header);
}
