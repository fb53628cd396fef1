package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;

/** Kills this test's own Mosquitto under a connected link and server, and starts it again on the same port. */
class MqttBrokerRestartTest {

    @Test
    void bothSidesReconnectResubscribeAndRestoreTheirRetainedState() throws Exception {
        MqttTopics topics = new MqttTopics("vla4j-test", "restart-" + UUID.randomUUID().toString().substring(0, 8));
        MqttRobotConfig config = MqttRobotConfig.defaults(topics, 2, 2, List.of("primary"));
        CommandRecorder robot = new CommandRecorder();
        BlockingQueue<String> linkEvents = new LinkedBlockingQueue<>();
        try (LocalMosquitto broker = LocalMosquitto.start();
                MqttRobotServer server = MqttRobotServer.connect(
                        MqttEndpoint.Options.defaults(broker.uri(), MqttRobotServer.defaultClientId(topics)), config,
                        robot);
                MqttRobotLink link = MqttRobotLink.connect(
                        MqttEndpoint.Options.defaults(broker.uri(), MqttRobotLink.defaultClientId(topics)), config)) {
            link.addConnectionListener(new MqttEndpoint.ConnectionListener() {
                @Override
                public void reconnected() {
                    linkEvents.add("reconnected");
                }

                @Override
                public void lost(String reason) {
                    linkEvents.add("lost");
                }
            });
            RobotStatus status = server.publishStatus("running", false, 1.0);
            link.sendAction(new float[] {0, 0});
            Await.next("an action before the restart", robot.actions);

            broker.kill();
            assertEquals("lost", Await.next("the link to notice the broker is gone", linkEvents));
            broker.restart();
            assertEquals("reconnected", Await.next("the link to reconnect", linkEvents));
            Await.until("the robot side to reconnect", server::isConnected);

            // The robot renews its subscription asynchronously: keep sending until an action gets through.
            ActionCommand arrived = Await.value("an action after the restart", () -> {
                link.sendAction(new float[] {1, 1});
                return Optional.ofNullable(robot.actions.poll());
            });
            assertEquals(1f, arrived.action()[0]);

            try (MqttRobotLink late = MqttRobotLink.connect(
                    MqttEndpoint.Options.defaults(broker.uri(), "vla4j-test-late-" + UUID.randomUUID()), config)) {
                assertEquals(status, Await.value("the status republished after the restart", late::latestStatus));
            }
        }
    }
}
