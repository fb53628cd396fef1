package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.ros.RosNode;
import dev.vla4j.nodes.ros.msg.MessageType;
import dev.vla4j.nodes.ros.msg.RosMessage;
import java.io.IOException;
import java.net.URI;
import java.util.function.Consumer;

/**
 * Where a ROS 1 node of a robot link runs: the master, the address it advertises (ROS_IP) and its node name; and
 * subscriptions whose messages a handler may refuse with an {@link IllegalArgumentException}, logged and counted.
 */
public record RosEndpoint(URI masterUri, String host, String nodeName) {
    public RosEndpoint {
        if (masterUri == null || host == null || host.isBlank() || nodeName == null || nodeName.isBlank()) {
            throw new IllegalArgumentException("a ROS endpoint needs a master URI, a host and a node name");
        }
    }

    RosNode start() throws IOException {
        return RosNode.start(nodeName, masterUri, host);
    }

    /** Subscribes {@code handler}; what it refuses goes to {@code rejections} with the topic. */
    static <T extends RosMessage> void subscribe(RosNode node, String topic, MessageType<T> type,
                                                 Rejections rejections, Consumer<T> handler) throws IOException {
        node.subscribe(topic, type, message -> {
            try {
                handler.accept(message);
            } catch (IllegalArgumentException e) {
                rejections.reject(topic, e.getMessage());
            }
        });
    }
}
