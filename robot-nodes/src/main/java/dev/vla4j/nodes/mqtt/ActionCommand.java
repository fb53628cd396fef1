package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * One action for the robot ({@code cmd/action}): the policy's action vector and a sequence number that grows by
 * one per command from the same controller. JSON: {@code {"id","ts","ttl_ms","seq","action":[...]}}. A command
 * always expires: {@code ttl_ms} must be positive.
 */
public record ActionCommand(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, long seq, float[] action)
        implements MqttPayload {

    public ActionCommand {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        if (ttlMs == 0) {
            throw new IllegalArgumentException("an action must expire: ttl_ms must be positive");
        }
        if (seq < 0) {
            throw new IllegalArgumentException("seq must be >= 0, got " + seq);
        }
        action = MqttPayload.requireFinite("action", action);
        if (action.length == 0) {
            throw new IllegalArgumentException("action must not be empty");
        }
    }

    /** A command stamped now with a fresh id. */
    public static ActionCommand now(long seq, float[] action, Duration ttl) {
        return new ActionCommand(MqttPayload.newId(), System.currentTimeMillis(), MqttPayload.ttlMillis(ttl), seq,
                action);
    }

    public static ActionCommand fromJson(byte[] json) {
        return MqttJson.read(json, ActionCommand.class);
    }

    @Override
    public float[] action() {
        return action.clone();
    }
}
