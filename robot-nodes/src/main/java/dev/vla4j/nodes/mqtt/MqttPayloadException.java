package dev.vla4j.nodes.mqtt;

/**
 * A message that cannot be accepted: malformed or invalid JSON, a wrong vector length, a stale timestamp, an
 * oversized or undecodable image. Receivers log it as a rejection and carry on with the next message.
 */
public final class MqttPayloadException extends RuntimeException {
    public MqttPayloadException(String message) {
        super(message);
    }
}
