package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttPayloadTest {
    private static final Duration TTL = Duration.ofMillis(800);

    @Test
    void everyMessageKindSurvivesItsJson() {
        ActionCommand action = ActionCommand.now(7, new float[] {0.1f, -2.5f, 3e-7f}, TTL);
        ActionCommand actionBack = ActionCommand.fromJson(action.toJson());
        assertEquals(action.id(), actionBack.id());
        assertEquals(action.ts(), actionBack.ts());
        assertEquals(800, actionBack.ttlMs());
        assertEquals(7, actionBack.seq());
        assertArrayEquals(action.action(), actionBack.action());

        JointStates state = JointStates.now(new float[] {1, 2}, new float[] {0.5f, -0.5f}, TTL);
        JointStates stateBack = JointStates.fromJson(state.toJson());
        assertArrayEquals(state.position(), stateBack.position());
        assertArrayEquals(state.velocity(), stateBack.velocity());

        EStopCommand engage = EStopCommand.engage("door open");
        assertEquals(engage, EStopCommand.fromJson(engage.toJson()));
        EStopCommand release = EStopCommand.release("", TTL);
        assertEquals(release, EStopCommand.fromJson(release.toJson()));
        InstructionCommand instruction = InstructionCommand.now("put the red block in the bowl", TTL);
        assertEquals(instruction, InstructionCommand.fromJson(instruction.toJson()));
        RobotStatus status = RobotStatus.now("running", false, 3.25);
        assertEquals(status, RobotStatus.fromJson(status.toJson()));
        ConnectionState broken = ConnectionState.now(ConnectionState.State.CONNECTION_BROKEN);
        assertEquals(broken, ConnectionState.fromJson(broken.toJson()));
        CameraInfo info = CameraInfo.now("wrist_camera", 640, 480);
        assertEquals(info, CameraInfo.fromJson(info.toJson()));
    }

    @Test
    void jsonUsesTheDocumentedFieldNames() {
        String json = new String(new RobotStatus("s1", 5, 0, "running", true, 12.5).toJson(), StandardCharsets.UTF_8);
        assertEquals("{\"id\":\"s1\",\"ts\":5,\"ttl_ms\":0,\"mode\":\"running\",\"estop\":true,\"latency_ms\":12.5}",
                json);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "not json at all | malformed ActionCommand JSON",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0} | action",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[NaN]} | malformed",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[1e39]} | action[0] is Infinity",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[\"1\"]} | malformed",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[null]} | malformed",
        "{\"id\":\"a\",\"ts\":\"1\",\"ttl_ms\":5,\"seq\":0,\"action\":[1]} | malformed",
        "{\"id\":\"a\",\"ts\":1.5,\"ttl_ms\":5,\"seq\":0,\"action\":[1]} | malformed",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":0,\"seq\":0,\"action\":[1]} | ttl_ms must be positive",
        "{\"id\":\"\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[1]} | id must be",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[1],\"extra\":1} | extra",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[1]} trailing | malformed",
        "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"seq\":0,\"action\":[]} | action must not be empty",
    })
    void badActionJsonIsRejectedWithItsReason(String json, String reasonFragment) {
        MqttPayloadException e = assertThrows(MqttPayloadException.class,
                () -> ActionCommand.fromJson(json.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(reasonFragment), e.getMessage());
    }

    @Test
    void otherKindsCheckTheirOwnFields() {
        assertThrows(MqttPayloadException.class, () -> JointStates.fromJson(
                "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":5,\"position\":[1,2],\"velocity\":[1]}".getBytes()));
        assertThrows(MqttPayloadException.class, () -> ConnectionState.fromJson(
                "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":0,\"state\":\"SLEEPY\"}".getBytes()));
        assertThrows(MqttPayloadException.class, () -> RobotStatus.fromJson(
                "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":0,\"mode\":\"x\",\"estop\":\"yes\",\"latency_ms\":1}".getBytes()));
        assertThrows(MqttPayloadException.class, () -> EStopCommand.fromJson(
                "{\"id\":\"a\",\"ts\":1,\"ttl_ms\":0,\"engaged\":false,\"reason\":\"\"}".getBytes()));
        assertThrows(IllegalArgumentException.class, () -> EStopCommand.engage(null));
        assertThrows(IllegalArgumentException.class, () -> ActionCommand.now(0, new float[] {Float.NaN}, TTL));
        assertThrows(IllegalArgumentException.class, () -> CameraInfo.now("cam", 0, 10));
        assertThrows(IllegalArgumentException.class, () -> InstructionCommand.now(" ", TTL));
    }

    @Test
    void freshnessFollowsTtl() {
        ActionCommand command = new ActionCommand("a", 10_000, 1_000, 0, new float[] {1});
        assertTrue(command.isFreshAt(10_500));
        assertTrue(command.isFreshAt(11_000));
        assertFalse(command.isFreshAt(11_001));
        assertFalse(command.isFreshAt(8_999), "a timestamp too far in the future cannot be judged");
        assertTrue(ConnectionState.now(ConnectionState.State.ONLINE).isFreshAt(Long.MAX_VALUE / 2));
    }
}
