package dev.vla4j.cli.node;

import dev.vla4j.nodes.mqtt.EmbeddedBroker;
import dev.vla4j.nodes.mqtt.MqttTopics;
import dev.vla4j.nodes.robot.MqttLinkSettings;
import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.RosLink;
import java.net.URI;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How a node reaches the robot or controller: the transport and its peer (shared by node and bench commands). */
public final class LinkOptions {
    /** The transports. */
    public enum Transport { ros, mqtt }

    @Option(names = "--transport", paramLabel = "ros|mqtt",
            description = "ROS 1 (through a rosmaster) or MQTT (through a broker).")
    Transport transport;

    @Option(names = "--master", paramLabel = "URI", defaultValue = "${env:ROS_MASTER_URI:-http://127.0.0.1:11311}",
            description = "ROS master (default: $ROS_MASTER_URI or ${DEFAULT-VALUE}).")
    URI master;

    @Option(names = "--ros-ip", paramLabel = "HOST", defaultValue = "${env:ROS_IP:-127.0.0.1}",
            description = "Address this node listens on and advertises (default: $ROS_IP or ${DEFAULT-VALUE}).")
    String rosIp;

    @Option(names = "--broker", paramLabel = "URI", defaultValue = "${env:VLA4J_MQTT_URI:-tcp://127.0.0.1:1883}",
            description = "MQTT broker (default: $VLA4J_MQTT_URI or ${DEFAULT-VALUE}).")
    String broker;

    @Option(names = "--embedded-broker", description = "MQTT: start an in-process broker on the --broker port first.")
    boolean embeddedBroker;

    @Option(names = "--prefix", paramLabel = "PREFIX", defaultValue = "vla4j",
            description = "MQTT topic prefix: topics are PREFIX/v1/ROBOT_ID/... (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--robot-id", paramLabel = "ID", defaultValue = "sim",
            description = "MQTT robot id (default: ${DEFAULT-VALUE}).")
    String robotId;

    private EmbeddedBroker started;

    /** Whether a transport was chosen. */
    public boolean hasTransport() {
        return transport != null;
    }

    /** The link these options name, starting the embedded broker if asked; {@link #close()} stops it. */
    public RobotLink link(CommandLine command) {
        if (transport == null) {
            throw new CommandLine.ParameterException(command, "Missing required option: '--transport=ros|mqtt'");
        }
        if (embeddedBroker && transport != Transport.mqtt) {
            throw new CommandLine.ParameterException(command, "--embedded-broker needs --transport mqtt");
        }
        if (transport == Transport.ros) {
            return RosLink.of(master, rosIp);
        }
        String uri = broker;
        if (embeddedBroker) {
            started = EmbeddedBroker.start(URI.create(broker).getPort());
            uri = started.uri();
        }
        return new MqttLinkSettings(uri, new MqttTopics(prefix, robotId));
    }

    /** The transport's name as the output reports it. */
    public String transportName() {
        return transport.name();
    }

    /** Stops the embedded broker, if one was started. */
    public void close() {
        if (started != null) {
            started.close();
            started = null;
        }
    }
}
