package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What one camera delivers ({@code camera/<name>/info}, retained): its frame id (ROS convention) and image size.
 * JSON: {@code {"id","ts","ttl_ms","frame_id","width","height"}}.
 */
public record CameraInfo(String id, long ts, @JsonProperty("ttl_ms") long ttlMs,
        @JsonProperty("frame_id") String frameId, int width, int height) implements MqttPayload {

    public CameraInfo {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        MqttPayload.requireText("frame_id", frameId);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
    }

    /** An info stamped now that holds until the next one. */
    public static CameraInfo now(String frameId, int width, int height) {
        return new CameraInfo(MqttPayload.newId(), System.currentTimeMillis(), 0, frameId, width, height);
    }

    public static CameraInfo fromJson(byte[] json) {
        return MqttJson.read(json, CameraInfo.class);
    }
}
