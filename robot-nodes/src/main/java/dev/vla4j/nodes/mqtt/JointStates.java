package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The robot's proprioceptive state ({@code state/joint_states}), in ROS units (m, rad, s): positions and, if the
 * robot measures them, velocities of the same length (else an empty list).
 * JSON: {@code {"id","ts","ttl_ms","position":[...],"velocity":[...]}}.
 */
public record JointStates(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, float[] position,
        float[] velocity) implements MqttPayload {

    public JointStates {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        position = MqttPayload.requireFinite("position", position);
        velocity = MqttPayload.requireFinite("velocity", velocity);
        if (position.length == 0) {
            throw new IllegalArgumentException("position must not be empty");
        }
        if (velocity.length != 0 && velocity.length != position.length) {
            throw new IllegalArgumentException("velocity has " + velocity.length + " values for " + position.length
                    + " positions; send as many or none");
        }
    }

    /** A state stamped now. */
    public static JointStates now(float[] position, float[] velocity, Duration ttl) {
        return new JointStates(MqttPayload.newId(), System.currentTimeMillis(), MqttPayload.ttlMillis(ttl), position,
                velocity);
    }

    public static JointStates fromJson(byte[] json) {
        return MqttJson.read(json, JointStates.class);
    }

    @Override
    public float[] position() {
        return position.clone();
    }

    @Override
    public float[] velocity() {
        return velocity.clone();
    }
}
