package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The robot's status ({@code state/status}, retained): its mode (free text such as {@code idle}, {@code running},
 * {@code holding}), whether its e-stop is engaged, and the latency it measures from a command's {@code ts} to
 * its execution. JSON: {@code {"id","ts","ttl_ms","mode","estop","latency_ms"}}.
 */
public record RobotStatus(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, String mode,
        @JsonProperty("estop") boolean estopEngaged, @JsonProperty("latency_ms") double latencyMs)
        implements MqttPayload {

    public RobotStatus {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        MqttPayload.requireText("mode", mode);
        if (!Double.isFinite(latencyMs) || latencyMs < 0) {
            throw new IllegalArgumentException("latency_ms must be finite and >= 0, got " + latencyMs);
        }
    }

    /** A status stamped now that holds until the next one. */
    public static RobotStatus now(String mode, boolean estopEngaged, double latencyMs) {
        return new RobotStatus(MqttPayload.newId(), System.currentTimeMillis(), 0, mode, estopEngaged, latencyMs);
    }

    public static RobotStatus fromJson(byte[] json) {
        return MqttJson.read(json, RobotStatus.class);
    }
}
