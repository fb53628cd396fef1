package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Strict JSON for the MQTT messages: every field required and of its exact type (no "1" for 1, no 1.5 for a
 * long, no null for a number), no unknown fields, no trailing garbage, no NaN; values out of range reach the record's
 * own checks. Failures become {@link MqttPayloadException}s that say what is wrong.
 */
public final class MqttJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private MqttJson() {}

    /** The UTF-8 JSON of {@code payload}. */
    public static byte[] write(Object payload) {
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + payload.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Reads one {@code type} strictly; anything wrong is an {@link MqttPayloadException} saying what. */
    public static <T> T read(byte[] json, Class<T> type) {
        String what = type.getSimpleName();
        try {
            return MAPPER.readValue(json, type);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MqttPayloadException("invalid " + what + ": " + cause.getMessage());
        } catch (JsonProcessingException e) {
            throw new MqttPayloadException("malformed " + what + " JSON: " + withoutHints(e.getOriginalMessage())
                    + (e.getLocation() == null ? "" : " (at column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new MqttPayloadException("unreadable " + what + " JSON: " + e.getMessage());
        }
    }

    /** Drops Jackson's advice on which feature to enable (we want the strictness), keeping what was wrong. */
    private static String withoutHints(String message) {
        int hint = message.indexOf('`');
        return hint < 0 ? message : message.substring(0, hint).replaceAll("[;:\\s]+$", "");
    }
}
