package dev.vla4j.nodes.robot;

import dev.vla4j.nodes.mqtt.MqttEndpoint;
import dev.vla4j.nodes.mqtt.MqttRobotConfig;
import dev.vla4j.nodes.mqtt.MqttTopics;
import dev.vla4j.nodes.safety.SafetyLimits;
import java.time.Duration;
import java.util.UUID;

/**
 * Where an MQTT robot link runs: the broker and the robot's topics ({@link MqttTopics}), plus the topics the nodes
 * add to that layout under the same {@code <prefix>/v1/<robotId>}: {@code task/instruction} (retained
 * {@code InstructionCommand}, the task for controllers), {@code sim/expert_action} ({@code ActionCommand}, a
 * simulator's expert suggestion), {@code sim/status} ({@link SimStatus}, retained) and {@code controller/status}
 * ({@link ControllerStatus}, retained).
 */
public record MqttLinkSettings(String brokerUri, MqttTopics topics) implements RobotLink {
    public MqttLinkSettings {
        if (brokerUri == null || brokerUri.isBlank() || topics == null) {
            throw new IllegalArgumentException("an MQTT link needs a broker URI and topics");
        }
    }

    public String taskInstruction() {
        return base() + "/task/instruction";
    }

    public String expertAction() {
        return base() + "/sim/expert_action";
    }

    public String simStatus() {
        return base() + "/sim/status";
    }

    public String controllerStatus() {
        return base() + "/controller/status";
    }

    @Override
    public RemoteRobot controller(RobotShape shape, SafetyLimits limits, Duration observeTimeout) {
        return new MqttRobot(this, shape, limits, observeTimeout);
    }

    @Override
    public RobotPort robotPort(RobotShape shape, RobotPort.Commands commands) {
        return MqttRobotPort.connect(this, shape, commands);
    }

    /** The robot's link configuration for a shape (default ttl, JSON cap and JPEG quality). */
    MqttRobotConfig config(RobotShape shape) {
        return MqttRobotConfig.defaults(topics, shape.action().dim(), shape.observation().stateDim(), shape.cameras());
    }

    /** Endpoint options with a unique client id starting with {@code role}. */
    MqttEndpoint.Options options(String role) {
        return MqttEndpoint.Options.defaults(brokerUri, role + "-" + topics.robotId() + "-"
                + UUID.randomUUID().toString().substring(0, 8));
    }

    private String base() {
        return topics.prefix() + "/" + MqttTopics.VERSION + "/" + topics.robotId();
    }
}
