package dev.vla4j.nodes.mqtt;

import dev.vla4j.testkit.Peers;
import org.junit.jupiter.api.BeforeAll;

/** The robot link contract against the real Mosquitto that {@code .ci/run} starts ({@code VLA4J_MQTT_URI}). */
class MosquittoRobotLinkTest extends RobotLinkFaultContract {
    private String uri;

    @BeforeAll
    void findBroker() {
        uri = Peers.mqttBroker().toString();
    }

    @Override
    String brokerUri() {
        return uri;
    }
}
