package dev.vla4j.nodes.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A participant's connection ({@code connection} and {@code controller/connection}, retained), after VDA 5050:
 * {@code ONLINE} once connected, {@code OFFLINE} before a graceful disconnect, and {@code CONNECTION_BROKEN} as
 * the last will the broker publishes when the connection dies. JSON: {@code {"id","ts","ttl_ms","state"}}.
 */
public record ConnectionState(String id, long ts, @JsonProperty("ttl_ms") long ttlMs, State state)
        implements MqttPayload {

    /** The connection states. */
    public enum State { ONLINE, OFFLINE, CONNECTION_BROKEN }

    public ConnectionState {
        MqttPayload.requireEnvelope(id, ts, ttlMs);
        if (state == null) {
            throw new IllegalArgumentException("state is missing");
        }
    }

    /** A state stamped now that holds until the next one. */
    public static ConnectionState now(State state) {
        return new ConnectionState(MqttPayload.newId(), System.currentTimeMillis(), 0, state);
    }

    public static ConnectionState fromJson(byte[] json) {
        return MqttJson.read(json, ConnectionState.class);
    }
}
