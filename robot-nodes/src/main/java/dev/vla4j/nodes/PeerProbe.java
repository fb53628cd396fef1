package dev.vla4j.nodes;

import dev.vla4j.nodes.ros.RosMaster;
import dev.vla4j.nodes.ros.XmlRpcException;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/** Checks whether the peers a robot node needs, a ROS master and an MQTT broker, answer right now. */
public final class PeerProbe {
    /** The outcome of one check; {@code detail} says what answered or why nothing did. */
    public record Status(String peer, String address, boolean reachable, String detail) {}

    private PeerProbe() {}

    /** Asks the master at {@code masterUri} for its pid. */
    public static Status rosMaster(URI masterUri, Duration timeout) {
        try {
            int pid = new RosMaster(masterUri, "/vla4j_doctor", timeout).getPid();
            return new Status("ROS master", masterUri.toString(), true, "answers getPid (pid " + pid + ")");
        } catch (XmlRpcException | IllegalArgumentException e) {
            return new Status("ROS master", masterUri.toString(), false, e.getMessage());
        }
    }

    /** Opens and closes an MQTT 5 session with the broker at {@code brokerUri} (e.g. {@code tcp://127.0.0.1:1883}). */
    public static Status mqttBroker(String brokerUri, Duration timeout) {
        try {
            MqttClient client = new MqttClient(brokerUri, "vla4j-probe-" + UUID.randomUUID(), new MemoryPersistence());
            try {
                MqttConnectionOptions options = new MqttConnectionOptions();
                options.setConnectionTimeout(Math.max(1, (int) timeout.toSeconds()));
                options.setAutomaticReconnect(false);
                client.connect(options);
                client.disconnect();
                return new Status("MQTT broker", brokerUri, true, "accepted an MQTT 5 session");
            } finally {
                client.close(true);
            }
        } catch (MqttException | IllegalArgumentException e) {
            // Paho's own message is often "Untranslated MqttException"; the cause says what happened.
            Throwable reason = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause() : e;
            return new Status("MQTT broker", brokerUri, false, reason.getMessage());
        }
    }
}
