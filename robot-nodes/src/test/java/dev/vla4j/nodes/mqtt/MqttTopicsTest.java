package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {
    private final MqttTopics topics = new MqttTopics("lab/vla4j", "arm1");

    @Test
    void layoutFollowsPrefixVersionRobot() {
        assertEquals("lab/vla4j/v1/arm1/cmd/action", topics.action());
        assertEquals("lab/vla4j/v1/arm1/cmd/estop", topics.estop());
        assertEquals("lab/vla4j/v1/arm1/cmd/instruction", topics.instruction());
        assertEquals("lab/vla4j/v1/arm1/state/joint_states", topics.jointStates());
        assertEquals("lab/vla4j/v1/arm1/state/status", topics.status());
        assertEquals("lab/vla4j/v1/arm1/camera/wrist/image", topics.cameraImage("wrist"));
        assertEquals("lab/vla4j/v1/arm1/camera/wrist/info", topics.cameraInfo("wrist"));
        assertEquals("lab/vla4j/v1/arm1/controller/connection", topics.controllerConnection());
        assertEquals("lab/vla4j/v1/arm1/connection", topics.robotConnection());
        assertEquals("lab/vla4j/v1/arm1/camera/+/image", topics.allCameraImages());
    }

    @Test
    void cameraNameComesBackFromItsTopics() {
        assertEquals(Optional.of("wrist"), topics.cameraOf(topics.cameraImage("wrist")));
        assertEquals(Optional.of("top"), topics.cameraOf(topics.cameraInfo("top")));
        assertTrue(topics.cameraOf(topics.status()).isEmpty());
        assertTrue(topics.cameraOf("lab/vla4j/v1/arm1/camera/a/b/image").isEmpty());
        assertTrue(topics.cameraOf("lab/vla4j/v1/arm2/camera/a/image").isEmpty());
    }

    @Test
    void wildcardsAndEmptyLevelsAreRefusedWithTheirName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MqttTopics("a/+", "r")).getMessage()
                .contains("prefix"));
        assertThrows(IllegalArgumentException.class, () -> new MqttTopics("/a", "r"));
        assertThrows(IllegalArgumentException.class, () -> new MqttTopics("a//b", "r"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new MqttTopics("a", "r/1")).getMessage()
                .contains("robot id"));
        assertThrows(IllegalArgumentException.class, () -> new MqttTopics("a", "#"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> topics.cameraImage("")).getMessage()
                .contains("camera name"));
    }
}
