package dev.vla4j.nodes.mqtt;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/** A fresh robot id per test (so retained messages never leak between tests) and what the test opened. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RobotLinkFixture {
    private final Deque<AutoCloseable> open = new ArrayDeque<>();
    MqttTopics topics;
    MqttRobotConfig config;

    abstract String brokerUri();

    @BeforeEach
    void freshRobot() {
        topics = new MqttTopics("vla4j-test", "robot-" + UUID.randomUUID().toString().substring(0, 8));
        config = MqttRobotConfig.defaults(topics, 3, 2, List.of("primary", "wrist"));
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }

    <T extends AutoCloseable> T opened(T closeable) {
        open.push(closeable);
        return closeable;
    }

    MqttEndpoint.Options options(String role) {
        return MqttEndpoint.Options.defaults(brokerUri(), "vla4j-test-" + role + "-" + UUID.randomUUID());
    }

    MqttRobotLink link() {
        return opened(MqttRobotLink.connect(options("controller"), config));
    }

    MqttRobotServer server(CommandRecorder recorder) {
        return opened(MqttRobotServer.connect(options("robot"), config, recorder));
    }

    /** A plain endpoint that collects what arrives on {@code filter}. */
    BlockingQueue<MqttMessage> tap(String filter) {
        BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();
        MqttEndpoint endpoint = opened(MqttEndpoint.connect(options("tap"), null));
        endpoint.subscribe(filter, 1, (topic, message) -> messages.add(message));
        return messages;
    }

}
