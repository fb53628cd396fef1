package dev.vla4j.nodes.mqtt;

import java.time.Duration;
import java.util.UUID;

/**
 * The envelope every JSON message carries: a unique {@code id}, the sender's timestamp {@code ts} (epoch ms)
 * and {@code ttl_ms}, how long the message stays valid after {@code ts} ({@code 0}: until replaced, used for
 * retained state).
 */
public interface MqttPayload {
    int MAX_ID_LENGTH = 128;

    String id();

    long ts();

    long ttlMs();

    /** UTF-8 JSON with the envelope fields first. */
    default byte[] toJson() {
        return MqttJson.write(this);
    }

    /**
     * Whether the message is valid at {@code nowMs}: its age is at most {@code ttl_ms}. A timestamp more than
     * {@code ttl_ms} in the future also fails (the clocks disagree too much to judge the age).
     */
    default boolean isFreshAt(long nowMs) {
        return ttlMs() == 0 || Math.abs(nowMs - ts()) <= ttlMs();
    }

    /** A fresh random id. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A time to live in whole milliseconds, as {@code ttl_ms} carries it. */
    static long ttlMillis(Duration ttl) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("a time to live cannot be negative, got " + ttl);
        }
        return ttl.toMillis();
    }

    /** Checks the envelope fields; records call it from their compact constructors. */
    static void requireEnvelope(String id, long ts, long ttlMs) {
        if (id == null || id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("id must be a non-empty string of at most " + MAX_ID_LENGTH
                    + " characters, got " + (id == null ? "null" : "'" + id + "'"));
        }
        if (ts <= 0) {
            throw new IllegalArgumentException("ts must be a positive epoch time in ms, got " + ts);
        }
        if (ttlMs < 0) {
            throw new IllegalArgumentException("ttl_ms must be >= 0 (0: valid until replaced), got " + ttlMs);
        }
    }

    /** Checks that {@code values} holds only finite numbers and returns a copy. */
    static float[] requireFinite(String what, float[] values) {
        if (values == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i] + "; values must be finite");
            }
        }
        return values.clone();
    }

    /** Checks that {@code text} is present and not blank. */
    static String requireText(String what, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must be a non-empty string, got "
                    + (text == null ? "null" : "'" + text + "'"));
        }
        return text;
    }
}
