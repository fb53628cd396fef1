package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.vla4j.testkit.Peers;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;

/** A Paho MQTT 5 publish/subscribe round trip through the real Mosquitto started by .ci/run. */
class MqttRoundTripTest {

    @Test
    void aQos1MessageComesBackThroughTheRealBroker() throws MqttException, InterruptedException {
        String broker = Peers.mqttBroker().toString();
        String topic = "vla4j/test/" + UUID.randomUUID() + "/echo";
        byte[] payload = "{\"ts\":1,\"velocity\":[0.1,-0.2]}".getBytes(StandardCharsets.UTF_8);
        BlockingQueue<MqttMessage> received = new ArrayBlockingQueue<>(4);
        MqttClient subscriber = connect(broker);
        MqttClient publisher = connect(broker);
        try {
            // Paho v5 1.2.5's subscribe(topic, qos, listener) recurses into itself until the stack overflows:
            // deliver through the client callback instead.
            subscriber.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String from, MqttMessage message) {
                    received.add(message);
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
            subscriber.subscribe(topic, 1);
            publisher.publish(topic, payload, 1, false);
            MqttMessage message = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message came back on " + topic + " within 10 s");
            assertArrayEquals(payload, message.getPayload());
            assertEquals(1, message.getQos());
        } finally {
            close(publisher);
            close(subscriber);
        }
    }

    private static MqttClient connect(String broker) throws MqttException {
        MqttClient client = new MqttClient(broker, "vla4j-test-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setConnectionTimeout(5);
        client.connect(options);
        return client;
    }

    private static void close(MqttClient client) throws MqttException {
        if (client.isConnected()) {
            client.disconnect();
        }
        client.close();
    }
}
