package dev.vla4j.nodes.mqtt;

import static dev.vla4j.nodes.mqtt.CameraFrameTest.assertSameLook;
import static dev.vla4j.nodes.mqtt.CameraFrameTest.ramp;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.policy.Observation;
import dev.vla4j.policy.RgbImage;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;

/**
 * The link and server against a real broker: each message kind end to end, expiry, retained state and the
 * e-stop retain rules. Subclasses say which broker.
 */
abstract class RobotLinkContract extends RobotLinkFixture {
    @Test
    void commandsReachTheRobot() {
        CommandRecorder robot = new CommandRecorder();
        server(robot);
        MqttRobotLink link = link();
        robot.awaitController(ConnectionState.State.ONLINE);

        ActionCommand sent = link.sendAction(new float[] {0.25f, -1f, 3.5f});
        ActionCommand received = Await.next("an action", robot.actions);
        assertEquals(sent.id(), received.id());
        assertEquals(sent.seq(), received.seq());
        assertArrayEquals(sent.action(), received.action());

        assertEquals(link.engageEStop("operator pressed stop"), Await.next("an engage", robot.estops));
        assertEquals(link.releaseEStop("cleared"), Await.next("a release", robot.estops));
        assertEquals(link.sendInstruction("stack the blue cube"), Await.next("an instruction", robot.instructions));
        assertEquals(0, link.rejectedCount(), link.lastRejection());
    }

    @Test
    void stateAndCamerasReachTheController() {
        MqttRobotServer robot = server(new CommandRecorder());
        MqttRobotLink link = link();
        RgbImage primary = ramp(64, 48);
        RgbImage wrist = ramp(32, 24);
        robot.publishCameraInfo("primary", "primary_optical_frame", 64, 48);
        RobotStatus status = robot.publishStatus("running", false, 4.5);
        Observation observation = Await.value("a full observation", () -> {
            robot.publishJointStates(new float[] {0.5f, -0.25f}, new float[] {0.1f, 0f});
            robot.publishFrame("primary", primary, System.currentTimeMillis());
            robot.publishFrame("wrist", wrist, System.currentTimeMillis());
            return link.observe("pick up the cup");
        });
        assertArrayEquals(new float[] {0.5f, -0.25f}, observation.state());
        assertEquals("pick up the cup", observation.instruction());
        assertEquals(List.of("primary", "wrist"), List.copyOf(observation.images().keySet()));
        assertSameLook(primary, observation.images().get("primary"));
        assertSameLook(wrist, observation.images().get("wrist"));
        assertArrayEquals(new float[] {0.1f, 0f}, link.latestJointStates().orElseThrow().velocity());
        assertEquals(status, Await.value("the status", link::latestStatus));
        assertEquals(64, Await.value("the camera info", () -> link.cameraInfo("primary")).width());
        assertEquals(ConnectionState.State.ONLINE, Await.value("the robot", link::robotConnection).state());
        assertEquals(0, link.rejectedCount(), link.lastRejection());
    }

    @Test
    void actionsExpireAndAreNeverQueuedForAnOfflineRobot() {
        BlockingQueue<MqttMessage> wire = tap(topics.action());
        MqttRobotLink link = link();
        ActionCommand whileOffline = link.sendAction(new float[] {1, 1, 1});
        MqttMessage onTheWire = Await.next("the action on the wire", wire);
        assertEquals(0, onTheWire.getQos());
        Long expiry = onTheWire.getProperties().getMessageExpiryInterval();
        assertTrue(expiry != null && expiry >= 0 && expiry <= 1, "message expiry " + expiry + " s, expected <= 1 s");

        CommandRecorder robot = new CommandRecorder();
        server(robot);
        ActionCommand fresh = link.sendAction(new float[] {2, 2, 2});
        assertEquals(fresh.seq(), Await.next("an action", robot.actions).seq(),
                "the first action the robot sees is the one sent after it connected, not seq " + whileOffline.seq());
    }

    @Test
    void retainedStatusReachesALateController() {
        RobotStatus status = server(new CommandRecorder()).publishStatus("holding", true, 0);
        assertEquals(status, Await.value("the retained status", link()::latestStatus));
    }

    @Test
    void anEngageIsRetainedAndAReleaseIsNot() throws Exception {
        MqttRobotLink link = link();
        EStopCommand engage = link.engageEStop("test");
        CommandRecorder lateRobot = new CommandRecorder();
        server(lateRobot);
        assertEquals(engage, Await.next("the retained engage", lateRobot.estops));

        try (RetainProbe probe = new RetainProbe(brokerUri(), topics.estop())) {
            MqttMessage engageOnWire = Await.next("the retained engage", probe.messages);
            assertTrue(engageOnWire.isRetained(), "an engage is retained");
            assertEquals(engage, EStopCommand.fromJson(engageOnWire.getPayload()));
            EStopCommand release = link.releaseEStop("done");
            MqttMessage releaseOnWire = Await.next("the release", probe.messages);
            assertEquals(release, EStopCommand.fromJson(releaseOnWire.getPayload()));
            assertFalse(releaseOnWire.isRetained(), "a release must never be retained");
            MqttMessage clear = Await.next("the cleared engage", probe.messages);
            assertTrue(clear.isRetained() && clear.getPayload().length == 0, "the retained engage is cleared");
        }
        try (RetainProbe late = new RetainProbe(brokerUri(), topics.estop())) {
            assertTrue(late.retainedAfterSubscribing().isEmpty(), "nothing stays retained after a release");
        }
        assertFalse(Await.next("the release", lateRobot.estops).engaged());
    }
}
