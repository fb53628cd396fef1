package dev.vla4j.nodes.mqtt;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part both facades share: an endpoint whose last will marks {@code connectionTopic} as
 * {@code CONNECTION_BROKEN}, retained state that is published again after a reconnect (the broker may have
 * restarted without it), an {@code OFFLINE} on close, and strict JSON subscriptions.
 */
final class RobotSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RobotSession.class);
    private static final int RETAINED_QOS = 1;

    final MqttEndpoint endpoint;
    final MqttRobotConfig config;
    private final String connectionTopic;
    private final Map<String, MqttMessage> retained = new ConcurrentHashMap<>();

    private RobotSession(MqttEndpoint endpoint, MqttRobotConfig config, String connectionTopic) {
        this.endpoint = endpoint;
        this.config = config;
        this.connectionTopic = connectionTopic;
    }

    static RobotSession open(MqttEndpoint.Options options, MqttRobotConfig config, String connectionTopic) {
        MqttEndpoint.Will will = new MqttEndpoint.Will(connectionTopic, MqttEndpoint.message(
                ConnectionState.now(ConnectionState.State.CONNECTION_BROKEN).toJson(), RETAINED_QOS, true, null));
        RobotSession session = new RobotSession(MqttEndpoint.connect(options, will), config, connectionTopic);
        session.endpoint.addConnectionListener(new MqttEndpoint.ConnectionListener() {
            @Override
            public void reconnected() {
                session.republishRetained();
            }
        });
        session.publishRetained(connectionTopic, ConnectionState.now(ConnectionState.State.ONLINE));
        return session;
    }

    /** Publishes {@code payload} at QoS 1, retained, and again after every reconnect until {@link #clear}. */
    void publishRetained(String topic, MqttPayload payload) {
        MqttMessage message = MqttEndpoint.message(payload.toJson(), RETAINED_QOS, true, null);
        retained.put(topic, message);
        endpoint.publish(topic, message);
    }

    /** Removes the retained message of {@code topic} from the broker (an empty retained publish). */
    void clear(String topic) {
        retained.remove(topic);
        endpoint.publish(topic, MqttEndpoint.message(new byte[0], RETAINED_QOS, true, null));
    }

    /** Publishes {@code payload}, not retained, with {@code expiry} as its MQTT message expiry (null: none). */
    void publish(String topic, MqttPayload payload, int qos, Duration expiry) {
        endpoint.publish(topic, MqttEndpoint.message(payload.toJson(), qos, false, expiry));
    }

    /**
     * Subscribes {@code sink} to JSON messages of {@code filter}: a message over the JSON cap, malformed, invalid
     * or past its {@code ttl_ms} is rejected before it reaches the sink; an empty message (a cleared retained
     * message) is skipped.
     */
    <T extends MqttPayload> void subscribeJson(String filter, int qos, Function<byte[], T> parser,
            BiConsumer<String, T> sink) {
        endpoint.subscribe(filter, qos, (topic, message) -> {
            byte[] json = message.getPayload();
            if (json.length == 0) {
                return;
            }
            if (json.length > config.maxJsonBytes()) {
                throw new MqttPayloadException("JSON message of " + json.length + " bytes exceeds the cap of "
                        + config.maxJsonBytes() + " bytes");
            }
            T payload = parser.apply(json);
            long now = System.currentTimeMillis();
            if (!payload.isFreshAt(now)) {
                throw new MqttPayloadException("stale " + payload.getClass().getSimpleName() + " " + payload.id()
                        + ": ts is " + (now - payload.ts()) + " ms old, ttl_ms is " + payload.ttlMs());
            }
            sink.accept(topic, payload);
        });
    }

    private void republishRetained() {
        retained.forEach((topic, message) -> {
            try {
                endpoint.publish(topic, message);
            } catch (MqttTransportException e) {
                LOG.warn("could not republish the retained state of {} after a reconnect: {}", topic, e.getMessage());
            }
        });
    }

    /** Announces {@code OFFLINE} (if still connected) and disconnects gracefully. */
    @Override
    public void close() {
        if (endpoint.isConnected()) {
            try {
                endpoint.publish(connectionTopic, MqttEndpoint.message(
                        ConnectionState.now(ConnectionState.State.OFFLINE).toJson(), RETAINED_QOS, true, null));
            } catch (MqttTransportException e) {
                // the connection dropped meanwhile: the broker publishes the will instead
            }
        }
        endpoint.close();
    }
}
