package dev.vla4j.nodes.mqtt;

import org.eclipse.paho.mqttv5.common.MqttException;

/** A connect, subscribe or publish that did not complete: the broker is unreachable, refused it, or timed out. */
public final class MqttTransportException extends RuntimeException {
    public MqttTransportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Paho's own text is often "Untranslated MqttException"; its cause usually says what happened. */
    static MqttTransportException of(String what, MqttException e) {
        Throwable cause = e.getCause();
        String reason = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
        return new MqttTransportException(what + ": " + reason + " (Paho reason code " + e.getReasonCode() + ")", e);
    }
}
