package dev.vla4j.nodes.robot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vla4j.nodes.mqtt.MqttJson;
import dev.vla4j.nodes.mqtt.MqttPayload;

/**
 * The controller's status (ROS: JSON in a latched {@code std_msgs/String}; MQTT: retained): {@code mode} is
 * {@code running}, {@code waiting} (no fresh observation), {@code estop} or {@code stopped}; {@code steps} the
 * commands sent; {@code predict_ms} the latest chunk prediction's latency and {@code loop_hz} the control rate
 * over the last second. JSON: {@code {"id","ts","ttl_ms","policy","mode","steps","predict_ms","loop_hz",
 * "rejected"}}.
 */
public record ControllerStatus(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, String policy, String mode,
                               long steps, @JsonProperty("predict_ms") double predictMs,
                               @JsonProperty("loop_hz") double loopHz, long rejected) implements MqttPayload {
    public ControllerStatus {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        MqttPayload.requireText("policy", policy);
        MqttPayload.requireText("mode", mode);
        if (!Double.isFinite(predictMs) || !Double.isFinite(loopHz)) {
            throw new IllegalArgumentException("predict_ms and loop_hz must be finite");
        }
    }

    /** A status stamped now. */
    public static ControllerStatus now(String policy, String mode, long steps, double predictMs, double loopHz,
                                       long rejected) {
        return new ControllerStatus(MqttPayload.newId(), System.currentTimeMillis(), 0, policy, mode, steps,
                predictMs, loopHz, rejected);
    }

    public static ControllerStatus fromJson(byte[] json) {
        return MqttJson.read(json, ControllerStatus.class);
    }
}
