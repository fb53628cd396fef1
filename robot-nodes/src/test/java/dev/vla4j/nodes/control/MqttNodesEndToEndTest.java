package dev.vla4j.nodes.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.mqtt.CameraFrame;
import dev.vla4j.nodes.mqtt.EStopCommand;
import dev.vla4j.nodes.mqtt.LocalMosquitto;
import dev.vla4j.nodes.mqtt.MqttEndpoint;
import dev.vla4j.nodes.mqtt.MqttTopics;
import dev.vla4j.nodes.robot.ControllerStatus;
import dev.vla4j.nodes.robot.MqttLinkSettings;
import dev.vla4j.nodes.robot.RobotLink;
import dev.vla4j.nodes.robot.SimStatus;
import dev.vla4j.policy.RgbImage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link NodesEndToEndContract} over a private mosquitto, plus malformed input at node level. */
class MqttNodesEndToEndTest extends NodesEndToEndContract {
    private static LocalMosquitto broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = LocalMosquitto.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    RobotLink link() {
        return new MqttLinkSettings(broker.uri(), new MqttTopics("vla4j-test", "sim-" + UUID.randomUUID()
                .toString().substring(0, 8)));
    }

    @Override
    RobotLink otherControllerOf(RobotLink link) {
        return link;
    }

    @Override
    List<String> childArgs(RobotLink link) {
        MqttLinkSettings settings = (MqttLinkSettings) link;
        return List.of("mqtt", settings.brokerUri(), settings.topics().prefix(), settings.topics().robotId());
    }

    private MqttEndpoint testClient() {
        return opened(MqttEndpoint.connect(MqttEndpoint.Options.defaults(broker.uri(), "vla4j-test-"
                + UUID.randomUUID()), null));
    }

    @Override
    StatusTap tap(RobotLink link) {
        StatusTap tap = new StatusTap();
        MqttEndpoint client = testClient();
        client.subscribe(((MqttLinkSettings) link).simStatus(), 1,
                (topic, message) -> tap.accept(SimStatus.fromJson(message.getPayload())));
        client.subscribe(((MqttLinkSettings) link).controllerStatus(), 1,
                (topic, message) -> tap.accept(ControllerStatus.fromJson(message.getPayload())));
        return tap;
    }

    @Override
    void estop(RobotLink link, boolean engaged) {
        EStopCommand command = engaged ? EStopCommand.engage("test") : EStopCommand.release("test", Duration.ofSeconds(5));
        testClient().publish(((MqttLinkSettings) link).topics().estop(), MqttEndpoint.message(command.toJson(), 1,
                engaged, null));
    }

    @Override
    void restartPeer() throws Exception {
        broker.kill();
        broker.restart();
    }

    @Test
    void garbageOversizedAndWrongSizeInputIsRejectedWhileTheNodesRun() throws Exception {
        MqttLinkSettings link = (MqttLinkSettings) link();
        SimRobotNode sim = simRobot(link);
        ControllerNode controller = controller(link);
        Waits.until("commands flowing", () -> sim.commandsReceived() > 5);
        MqttEndpoint rogue = testClient();
        String action = link.topics().action();
        rogue.publish(action, MqttEndpoint.message("{\"id\":".getBytes(StandardCharsets.UTF_8), 1, false, null));
        Waits.until("the sim robot rejecting garbage JSON", () -> sim.port().lastRejection().contains("malformed"));
        rogue.publish(action, MqttEndpoint.message(new byte[100_000], 1, false, null));
        Waits.until("the sim robot rejecting an oversized command",
                () -> sim.port().lastRejection().contains("exceeds the cap"));
        CameraFrame small = new CameraFrame("primary", System.currentTimeMillis(), new RgbImage(32, 32,
                new byte[32 * 32 * 3]));
        rogue.publish(link.topics().cameraImage("primary"), small.toMessage(0.9f));
        Waits.until("the controller rejecting a 32x32 frame", () -> controller.status().rejected() > 0);
        assertTrue(sim.port().rejectedCount() >= 2);
        long commands = sim.commandsReceived();
        long steps = controller.steps();
        Waits.until("both nodes carrying on", () -> sim.commandsReceived() > commands + 10
                && controller.steps() > steps + 10);
    }
}
