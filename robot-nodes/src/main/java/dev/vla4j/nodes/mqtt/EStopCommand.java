package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * A software (protective) stop request on {@code cmd/estop}: {@code engaged} true stops the robot, false releases
 * it. This is not a safety-rated emergency stop. JSON: {@code {"id","ts","ttl_ms","engaged","reason"}}. An
 * engage is published retained and never expires; a release is never retained and expires like any command.
 */
public record EStopCommand(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, boolean engaged, String reason)
        implements MqttPayload {

    public EStopCommand {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        if (engaged && ttlMs != 0) {
            throw new IllegalArgumentException("an e-stop engage never expires: ttl_ms must be 0, got " + ttlMs);
        }
        if (!engaged && ttlMs == 0) {
            throw new IllegalArgumentException("an e-stop release must expire: ttl_ms must be positive");
        }
        if (reason == null) {
            throw new IllegalArgumentException("reason is missing (use \"\" for none)");
        }
    }

    /** An engage stamped now. */
    public static EStopCommand engage(String reason) {
        return new EStopCommand(MqttPayload.newId(), System.currentTimeMillis(), 0, true, reason);
    }

    /** A release stamped now, valid for {@code ttl}. */
    public static EStopCommand release(String reason, Duration ttl) {
        return new EStopCommand(MqttPayload.newId(), System.currentTimeMillis(), MqttPayload.ttlMillis(ttl), false,
                reason);
    }

    public static EStopCommand fromJson(byte[] json) {
        return MqttJson.read(json, EStopCommand.class);
    }
}
