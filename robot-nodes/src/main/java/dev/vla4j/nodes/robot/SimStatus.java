package dev.vla4j.nodes.robot;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vla4j.nodes.mqtt.MqttJson;
import dev.vla4j.nodes.mqtt.MqttPayload;

/**
 * The simulated robot's status, published every control step (ROS: JSON in a latched {@code std_msgs/String};
 * MQTT: retained). {@code mode} is {@code running} (executing fresh commands), {@code holding} (no fresh
 * command: the watchdog holds) or {@code estop}; {@code executed} is the action applied at this step, all zeros
 * while holding. JSON: {@code {"id","ts","ttl_ms","suite","task","instruction","episode","step","done","success",
 * "mode","executed","commands","rejected"}}.
 */
public record SimStatus(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, String suite, String task,
                        String instruction, long episode, int step, boolean done, boolean success, String mode,
                        float[] executed, long commands, long rejected) implements MqttPayload {
    public SimStatus {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        MqttPayload.requireText("suite", suite);
        MqttPayload.requireText("task", task);
        MqttPayload.requireText("mode", mode);
        executed = MqttPayload.requireFinite("executed", executed);
        if (instruction == null) {
            throw new IllegalArgumentException("instruction is missing");
        }
    }

    /** A status stamped now. */
    public static SimStatus now(String suite, String task, String instruction, long episode, int step, boolean done,
                                boolean success, String mode, float[] executed, long commands, long rejected) {
        return new SimStatus(MqttPayload.newId(), System.currentTimeMillis(), 0, suite, task, instruction, episode,
                step, done, success, mode, executed, commands, rejected);
    }

    public static SimStatus fromJson(byte[] json) {
        return MqttJson.read(json, SimStatus.class);
    }

    @Override
    public float[] executed() {
        return executed.clone();
    }
}
