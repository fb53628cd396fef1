package dev.vla4j.nodes.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A plain Paho subscriber that sees the retain flag as published (MQTT 5 "retain as published"), so a test can
 * tell a retained message from a live one.
 */
final class RetainProbe implements AutoCloseable {
    final BlockingQueue<MqttMessage> messages = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> markers = new LinkedBlockingQueue<>();
    private final MqttClient client;
    private final String markerTopic = "vla4j-test/probe/" + UUID.randomUUID();

    RetainProbe(String brokerUri, String topic) throws MqttException {
        client = new MqttClient(brokerUri, "vla4j-probe-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String from, MqttMessage message) {
                if (from.equals(markerTopic)) {
                    markers.add(from);
                } else {
                    messages.add(message);
                }
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverUri) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        MqttSubscription subscription = new MqttSubscription(topic, 1);
        subscription.setRetainAsPublished(true);
        client.subscribe(new MqttSubscription[] {subscription, new MqttSubscription(markerTopic, 1)});
    }

    /**
     * The retained messages delivered on subscribing: waits until a marker this probe publishes after subscribing
     * comes back, plus a grace period for brokers that send retained messages from another thread.
     */
    List<MqttMessage> retainedAfterSubscribing() throws MqttException, InterruptedException {
        client.publish(markerTopic, new byte[] {1}, 1, false);
        Await.next("the probe's marker", markers);
        Thread.sleep(300);
        List<MqttMessage> retained = new ArrayList<>();
        messages.drainTo(retained);
        retained.removeIf(message -> !message.isRetained());
        return retained;
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
