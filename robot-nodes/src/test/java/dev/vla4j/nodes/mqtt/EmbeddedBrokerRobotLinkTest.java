package dev.vla4j.nodes.mqtt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The robot link contract against the embedded HiveMQ broker that {@code vla4j demo} uses. */
class EmbeddedBrokerRobotLinkTest extends RobotLinkFaultContract {
    private EmbeddedBroker broker;

    @BeforeAll
    void startBroker() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    String brokerUri() {
        return broker.uri();
    }
}
