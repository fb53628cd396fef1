package dev.vla4j.nodes.mqtt;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/** A controller in a child JVM, for last-will tests: connects, prints READY, and waits to be killed. */
public final class ControllerProcess {
    private ControllerProcess() {}

    public static void main(String[] args) throws IOException {
        MqttTopics topics = new MqttTopics(args[1], args[2]);
        MqttRobotLink link = MqttRobotLink.connect(
                MqttEndpoint.Options.defaults(args[0], "vla4j-child-" + UUID.randomUUID()),
                MqttRobotConfig.defaults(topics, 3, 2, List.of("primary")));
        System.out.println("READY " + link.isConnected());
        System.out.flush();
        System.in.read(); // until killed (or its stdin closes)
    }
}
