package dev.vla4j.nodes.mqtt;

import static dev.vla4j.nodes.mqtt.CameraFrameTest.ramp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Bad input and dying peers: every malformed, stale or oversized message is rejected with a logged reason while
 * delivery goes on, and a connection's end (graceful or killed) is announced.
 */
abstract class RobotLinkFaultContract extends RobotLinkContract {
    private static final int ENDPOINT_CAP = 200_000;

    private MqttEndpoint rawPublisher() {
        return opened(MqttEndpoint.connect(options("raw"), null));
    }

    private static MqttMessage json(String text) {
        return MqttEndpoint.message(text.getBytes(StandardCharsets.UTF_8), 0, false, null);
    }

    private static String action(long ts, String values) {
        return "{\"id\":\"x\",\"ts\":" + ts + ",\"ttl_ms\":1000,\"seq\":1,\"action\":[" + values + "]}";
    }

    /** Publishes {@code bad} and waits until {@code rejections} grows, with a reason that names the fault. */
    private static void assertRejected(MqttEndpoint publisher, String topic, MqttMessage bad, LongSupplier rejections,
            Supplier<String> lastRejection, String fragment) {
        long before = rejections.getAsLong();
        publisher.publish(topic, bad);
        Await.until("a rejection naming '" + fragment + "'", () -> rejections.getAsLong() > before);
        assertTrue(lastRejection.get().contains(fragment), lastRejection.get());
    }

    @Test
    void badCommandsAreRejectedAndTheNextGoodOneArrives() {
        CommandRecorder robot = new CommandRecorder();
        MqttRobotServer server = opened(MqttRobotServer.connect(new MqttEndpoint.Options(brokerUri(),
                "vla4j-test-robot-" + topics.robotId(), Duration.ofSeconds(10), Duration.ofSeconds(5), ENDPOINT_CAP, 64),
                config, robot));
        MqttEndpoint raw = rawPublisher();
        String topic = topics.action();
        long now = System.currentTimeMillis();
        Logger endpointLog = (Logger) LoggerFactory.getLogger(MqttEndpoint.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        endpointLog.addAppender(logged);
        try {
            assertRejected(raw, topic, json("{{{ not json"), server::rejectedCount, server::lastRejection, "malformed");
            assertRejected(raw, topic, json(action(now, "NaN, 0, 0")), server::rejectedCount, server::lastRejection,
                    "malformed");
            assertRejected(raw, topic, json(action(now, "1e39, 0, 0")), server::rejectedCount, server::lastRejection,
                    "Infinity");
            assertRejected(raw, topic, json(action(now, "1, 2")), server::rejectedCount, server::lastRejection,
                    "action has 2 values, expected 3");
            assertRejected(raw, topic, json("{\"id\":\"x\",\"ts\":" + now + ",\"seq\":1,\"action\":[1,2,3]}"),
                    server::rejectedCount, server::lastRejection, "ttl_ms");
            assertRejected(raw, topic, json(action(now - 60_000, "1, 2, 3")), server::rejectedCount,
                    server::lastRejection, "stale");
            assertRejected(raw, topic, json(action(now, "1, 2, 3" + ", 0".repeat(40_000))), server::rejectedCount,
                    server::lastRejection, "exceeds the cap of " + MqttRobotConfig.DEFAULT_MAX_JSON_BYTES);
            assertRejected(raw, topic, MqttEndpoint.message(new byte[ENDPOINT_CAP + 1], 0, false, null),
                    server::rejectedCount, server::lastRejection, "exceeds the cap of " + ENDPOINT_CAP);
            assertTrue(robot.actions.isEmpty(), "no bad action reached the robot: " + robot.actions);

            raw.publish(topic, json(action(System.currentTimeMillis(), "1, 2, 3")));
            assertEquals("x", Await.next("the good action after the bad ones", robot.actions).id());
            assertEquals(8, server.rejectedCount());
            assertTrue(logged.list.stream().anyMatch(event -> event.getFormattedMessage().contains("stale")),
                    "the stale action's rejection is logged");
        } finally {
            endpointLog.detachAppender(logged);
        }
    }

    @Test
    void badFramesAreRejectedAndTheNextGoodOneArrives() {
        MqttRobotLink link = link();
        MqttEndpoint raw = rawPublisher();
        MqttMessage good = new CameraFrame("primary", 1, ramp(16, 16)).toMessage(0.9f);
        MqttMessage garbage = new CameraFrame("primary", 1, ramp(16, 16)).toMessage(0.9f);
        garbage.setPayload(new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 1, 2});
        assertRejected(raw, topics.cameraImage("primary"), garbage, link::rejectedCount, link::lastRejection,
                "not a readable");
        assertRejected(raw, topics.cameraImage("rear"), good, link::rejectedCount, link::lastRejection,
                "unknown camera 'rear'");
        assertRejected(raw, topics.jointStates(), json("{\"id\":\"s\",\"ts\":" + System.currentTimeMillis()
                + ",\"ttl_ms\":1000,\"position\":[1,2,3],\"velocity\":[]}"), link::rejectedCount,
                link::lastRejection, "position has 3 values, expected 2");
        raw.publish(topics.cameraImage("primary"), good);
        assertEquals(16, Await.value("the good frame", () -> link.latestFrame("primary")).image().width());
    }

    @Test
    void aGracefulCloseSaysOfflineNotBroken() {
        CommandRecorder robot = new CommandRecorder();
        MqttRobotServer server = server(robot);
        MqttRobotLink link = MqttRobotLink.connect(options("controller"), config);
        robot.awaitController(ConnectionState.State.ONLINE);
        link.close();
        robot.awaitController(ConnectionState.State.OFFLINE);
        assertEquals(ConnectionState.State.OFFLINE, server.controllerConnection().orElseThrow().state());

        MqttRobotLink watcher = link();
        Await.until("the robot online", () -> watcher.robotConnection().isPresent());
        server.close();
        Await.until("the robot offline", () -> watcher.robotConnection().orElseThrow().state()
                == ConnectionState.State.OFFLINE);
    }

    @Test
    void aKilledControllerLeavesItsLastWill() throws Exception {
        CommandRecorder robot = new CommandRecorder();
        server(robot);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ControllerProcess.class.getName(), brokerUri(), topics.prefix(), topics.robotId())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY"));
            assertEquals("READY true", line, "the child controller did not connect");
            robot.awaitController(ConnectionState.State.ONLINE);
            child.destroyForcibly(); // SIGKILL: no DISCONNECT, the socket just closes
            robot.awaitController(ConnectionState.State.CONNECTION_BROKEN);
        } finally {
            child.destroyForcibly().waitFor();
        }
    }
}
