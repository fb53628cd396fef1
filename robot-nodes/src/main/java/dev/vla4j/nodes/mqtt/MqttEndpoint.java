package dev.vla4j.nodes.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.util.MqttTopicValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT 5 session (Eclipse Paho) with the conventions of this package: clean start (nothing queued while we
 * were away is delivered), automatic reconnect with resubscription, an optional last will, and handlers run on
 * a dedicated thread. A message that is too large, or that its handler rejects with an
 * {@link MqttPayloadException} (or any other exception), is logged and counted as a rejection; delivery goes on.
 */
public final class MqttEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MqttEndpoint.class);

    /**
     * Session settings: {@code timeout} bounds connect, subscribe and publish; {@code keepAlive} is how often the
     * broker hears from us (it declares the connection dead, and publishes the will, after 1.5x that);
     * {@code maxPayloadBytes} is the largest message handed to a handler; {@code queueCapacity} how many
     * messages may wait for the handler thread (QoS 0 messages beyond it are dropped, QoS 1 and 2 wait).
     */
    public record Options(String brokerUri, String clientId, Duration timeout, Duration keepAlive,
            int maxPayloadBytes, int queueCapacity) {
        public static final int DEFAULT_MAX_PAYLOAD_BYTES = 8 << 20;

        public Options {
            MqttPayload.requireText("broker URI", brokerUri);
            MqttPayload.requireText("client id", clientId);
            if (timeout.isNegative() || timeout.isZero() || keepAlive.toSeconds() < 1) {
                throw new IllegalArgumentException("timeout must be positive and keep-alive at least 1 s, got "
                        + timeout + " and " + keepAlive);
            }
            if (maxPayloadBytes < 1 || queueCapacity < 1) {
                throw new IllegalArgumentException("maxPayloadBytes and queueCapacity must be >= 1, got "
                        + maxPayloadBytes + " and " + queueCapacity);
            }
        }

        /** 10 s timeout, 5 s keep-alive, 8 MiB payload cap, 1024 queued messages. */
        public static Options defaults(String brokerUri, String clientId) {
            return new Options(brokerUri, clientId, Duration.ofSeconds(10), Duration.ofSeconds(5),
                    DEFAULT_MAX_PAYLOAD_BYTES, 1024);
        }
    }

    /** The message the broker publishes on our behalf when our connection dies without a DISCONNECT. */
    public record Will(String topic, MqttMessage message) {}

    /** Receives the messages of one subscription, on the endpoint's handler thread. */
    @FunctionalInterface
    public interface Handler {
        void accept(String topic, MqttMessage message);
    }

    /** Hears of connection changes, on the handler thread (in order with the messages). */
    public interface ConnectionListener {
        /** Connected again after a loss; subscriptions are being renewed. */
        default void reconnected() {}

        /** The connection dropped; Paho keeps trying to reconnect. */
        default void lost(String reason) {}
    }

    private record Subscription(int qos, Handler handler) {}

    private final Options options;
    private final MqttAsyncClient client;
    private final DeliveryQueue deliveries;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong rejected = new AtomicLong();
    private volatile String lastRejection = "";

    private MqttEndpoint(Options options) throws MqttException {
        this.options = options;
        this.client = new MqttAsyncClient(options.brokerUri(), options.clientId(), new MemoryPersistence());
        this.deliveries = new DeliveryQueue("mqtt-" + options.clientId(), options.queueCapacity());
        client.setCallback(new Callback());
    }

    /** Connects (waiting up to {@code options.timeout()}), registering {@code will} if it is not null. */
    public static MqttEndpoint connect(Options options, Will will) {
        MqttEndpoint endpoint;
        try {
            endpoint = new MqttEndpoint(options);
        } catch (MqttException | IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid MQTT broker URI or client id: " + options.brokerUri() + ", "
                    + options.clientId() + " (" + e.getMessage() + ")", e);
        }
        MqttConnectionOptions connect = new MqttConnectionOptions();
        connect.setCleanStart(true);
        connect.setSessionExpiryInterval(0L);
        connect.setAutomaticReconnect(true);
        connect.setAutomaticReconnectDelay(1, 5);
        connect.setKeepAliveInterval((int) options.keepAlive().toSeconds());
        connect.setConnectionTimeout((int) Math.max(1, options.timeout().toSeconds()));
        if (options.brokerUri().startsWith("tcp://")) {
            connect.setSocketFactory(new NoDelaySocketFactory());
        }
        if (will != null) {
            connect.setWill(will.topic(), will.message());
        }
        try {
            endpoint.await(endpoint.client.connect(connect));
        } catch (MqttException e) {
            endpoint.shutdown();
            throw MqttTransportException.of("cannot connect to " + options.brokerUri(), e);
        }
        LOG.info("MQTT client {} connected to {}", options.clientId(), options.brokerUri());
        return endpoint;
    }

    /** A message with the given QoS and retain flag, and (when positive) an MQTT 5 message expiry. */
    public static MqttMessage message(byte[] payload, int qos, boolean retained, Duration expiry) {
        MqttProperties properties = new MqttProperties();
        if (expiry != null && !expiry.isZero()) {
            properties.setMessageExpiryInterval(Math.max(1, expiry.toSeconds()));
        }
        return new MqttMessage(payload, qos, retained, properties);
    }

    /**
     * Subscribes {@code handler} to {@code filter} (wildcards allowed) now and after every reconnect. Waits for
     * the broker's acknowledgement when connected; when not, the subscription is made on reconnect.
     */
    public void subscribe(String filter, int qos, Handler handler) {
        MqttTopicValidator.validate(filter, true, true);
        MqttMessage.validateQos(qos);
        subscriptions.put(filter, new Subscription(qos, handler));
        if (client.isConnected()) {
            try {
                await(client.subscribe(filter, qos));
            } catch (MqttException e) {
                throw MqttTransportException.of("cannot subscribe to " + filter, e);
            }
        }
    }

    /** Publishes and waits until it is sent (QoS 0) or acknowledged (QoS 1 and 2); fails when disconnected. */
    public void publish(String topic, MqttMessage message) {
        try {
            await(client.publish(topic, message));
        } catch (MqttException e) {
            throw MqttTransportException.of("cannot publish to " + topic, e);
        }
    }

    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    public String clientId() {
        return options.clientId();
    }

    /** How many messages were dropped so far: oversized, rejected by a handler, or with the queue full. */
    public long rejectedCount() {
        return rejected.get();
    }

    /** Why the latest message was dropped, with its topic ("" if none was). */
    public String lastRejection() {
        return lastRejection;
    }

    /** Logs and counts a dropped message. */
    void reject(String topic, String reason) {
        lastRejection = topic + ": " + reason;
        rejected.incrementAndGet();
        LOG.warn("MQTT {} rejected a message on {}: {}", options.clientId(), topic, reason);
    }

    /** Disconnects gracefully (the broker discards our will) and stops the handler thread. */
    @Override
    public void close() {
        if (client.isConnected()) {
            try {
                client.disconnect(options.timeout().toMillis()).waitForCompletion(options.timeout().toMillis());
            } catch (MqttException e) {
                LOG.warn("MQTT {} did not disconnect cleanly: {}", options.clientId(), e.getMessage());
            }
        }
        shutdown();
    }

    private void shutdown() {
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("closing MQTT client {}", options.clientId(), e);
        }
        deliveries.close();
    }

    private void await(IMqttToken token) throws MqttException {
        token.waitForCompletion(options.timeout().toMillis());
    }

    private void dispatch(String topic, MqttMessage message) {
        int size = message.getPayload().length;
        if (size > options.maxPayloadBytes()) {
            reject(topic, "payload of " + size + " bytes exceeds the cap of " + options.maxPayloadBytes() + " bytes");
            return;
        }
        subscriptions.forEach((filter, subscription) -> {
            if (MqttTopicValidator.isMatched(filter, topic)) {
                Runnable delivery = () -> deliver(subscription.handler(), topic, message);
                boolean queued = message.getQos() == 0 ? deliveries.offer(delivery) : deliveries.put(delivery);
                if (!queued) {
                    reject(topic, "the handler queue is full (" + deliveries.capacity() + " messages) or closed");
                }
            }
        });
    }

    private void deliver(Handler handler, String topic, MqttMessage message) {
        try {
            handler.accept(topic, message);
        } catch (MqttPayloadException e) {
            reject(topic, e.getMessage());
        } catch (RuntimeException e) {
            reject(topic, "handler failed: " + e);
            LOG.error("MQTT handler for {} threw", topic, e);
        }
    }

    private void notifyListeners(Consumer<ConnectionListener> event) {
        deliveries.put(() -> listeners.forEach(listener -> {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.error("MQTT connection listener threw", e);
            }
        }));
    }

    private void resubscribe() {
        subscriptions.forEach((filter, subscription) -> {
            try {
                client.subscribe(filter, subscription.qos());
            } catch (MqttException e) {
                LOG.warn("MQTT {} could not renew its subscription to {}: {}", options.clientId(), filter,
                        e.getMessage());
            }
        });
    }

    /** Paho's callbacks, on its own threads: they never block on a handler and never throw. */
    private final class Callback implements MqttCallback {
        @Override
        public void messageArrived(String topic, MqttMessage message) {
            dispatch(topic, message);
        }

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            if (reconnect) {
                LOG.info("MQTT client {} reconnected to {}", options.clientId(), serverUri);
                resubscribe();
                notifyListeners(ConnectionListener::reconnected);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            String reason = response.getException() != null ? String.valueOf(response.getException().getMessage())
                    : "broker sent DISCONNECT (reason code " + response.getReturnCode() + ")";
            LOG.warn("MQTT client {} lost its connection: {}", options.clientId(), reason);
            notifyListeners(listener -> listener.lost(reason));
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            LOG.warn("MQTT client {} error: {}", options.clientId(), exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}
