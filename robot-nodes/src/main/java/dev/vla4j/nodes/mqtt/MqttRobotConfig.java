package dev.vla4j.nodes.mqtt;

import java.time.Duration;
import java.util.List;

/**
 * What both ends of a robot link agree on: the topics, the action and state vector lengths, the camera names
 * (primary first), how long commands and telemetry stay valid ({@code ttl}, also the MQTT message expiry of
 * actions), the largest JSON message accepted, and the JPEG quality of published frames.
 */
public record MqttRobotConfig(MqttTopics topics, int actionDim, int stateDim, List<String> cameras, Duration ttl,
        int maxJsonBytes, float jpegQuality) {
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_JSON_BYTES = 64 << 10;
    public static final float DEFAULT_JPEG_QUALITY = 0.9f;

    public MqttRobotConfig {
        if (topics == null) {
            throw new IllegalArgumentException("topics are missing");
        }
        if (actionDim < 1 || stateDim < 1) {
            throw new IllegalArgumentException("actionDim and stateDim must be >= 1, got " + actionDim + " and "
                    + stateDim);
        }
        if (cameras == null || cameras.isEmpty()) {
            throw new IllegalArgumentException("at least one camera name is needed");
        }
        cameras = List.copyOf(cameras);
        cameras.forEach(topics::cameraImage); // validates each name as one topic level
        if (cameras.stream().distinct().count() != cameras.size()) {
            throw new IllegalArgumentException("camera names must be distinct, got " + cameras);
        }
        if (ttl == null || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, got " + ttl);
        }
        if (maxJsonBytes < 256) {
            throw new IllegalArgumentException("maxJsonBytes must be >= 256, got " + maxJsonBytes);
        }
        if (!(jpegQuality > 0 && jpegQuality <= 1)) {
            throw new IllegalArgumentException("jpegQuality must be in (0, 1], got " + jpegQuality);
        }
    }

    /** 1 s ttl, 64 KiB JSON cap, JPEG quality 0.9. */
    public static MqttRobotConfig defaults(MqttTopics topics, int actionDim, int stateDim, List<String> cameras) {
        return new MqttRobotConfig(topics, actionDim, stateDim, cameras, DEFAULT_TTL, DEFAULT_MAX_JSON_BYTES,
                DEFAULT_JPEG_QUALITY);
    }

    /** Fails with a message naming {@code what} unless {@code values} has {@code expected} entries. */
    static void requireLength(String what, float[] values, int expected) {
        if (values.length != expected) {
            throw new MqttPayloadException(what + " has " + values.length + " values, expected " + expected);
        }
    }
}
