package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A new language instruction for the robot's task ({@code cmd/instruction}).
 * JSON: {@code {"id","ts","ttl_ms","text"}}.
 */
public record InstructionCommand(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, String text)
        implements MqttPayload {

    public InstructionCommand {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        MqttPayload.requireText("text", text);
    }

    /** An instruction stamped now. */
    public static InstructionCommand now(String text, Duration ttl) {
        return new InstructionCommand(MqttPayload.newId(), System.currentTimeMillis(), MqttPayload.ttlMillis(ttl),
                text);
    }

    public static InstructionCommand fromJson(byte[] json) {
        return MqttJson.read(json, InstructionCommand.class);
    }
}
