package dev.vla4j.nodes.web.remote;

import dev.vla4j.nodes.mqtt.LocalMosquitto;
import dev.vla4j.nodes.mqtt.MqttTopics;
import dev.vla4j.nodes.robot.MqttLinkSettings;
import dev.vla4j.nodes.robot.RobotLink;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RemoteTeleopContract} over a private mosquitto, a robot id per test. */
class MqttRemoteTeleopTest extends RemoteTeleopContract {
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
        return new MqttLinkSettings(broker.uri(), new MqttTopics("vla4j-test", "teleop-"
                + UUID.randomUUID().toString().substring(0, 8)));
    }

    @Override
    RobotLink otherControllerOf(RobotLink link) {
        return link;
    }
}
