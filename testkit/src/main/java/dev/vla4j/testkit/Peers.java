package dev.vla4j.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * The real peers tests talk to: a ROS master and an MQTT broker, started by {@code .ci/run}.
 *
 * <p>{@code ROS_MASTER_URI} names the master (e.g. {@code http://127.0.0.1:11311}) and {@code VLA4J_MQTT_URI}
 * the broker (e.g. {@code tcp://127.0.0.1:1883}); system properties of the same names win over the environment.
 */
public final class Peers {
    public static final String ROS_MASTER_URI = "ROS_MASTER_URI";
    public static final String MQTT_URI = "VLA4J_MQTT_URI";
    private static final int CONNECT_TIMEOUT_MS = 2_000;

    private Peers() {}

    /** The URI of a reachable ROS master, or a skip (a failure in CI). */
    public static URI rosMaster() {
        return reachable("a ROS master", setting(ROS_MASTER_URI));
    }

    /** The URI of a reachable MQTT broker, or a skip (a failure in CI). */
    public static URI mqttBroker() {
        return reachable("an MQTT broker", setting(MQTT_URI));
    }

    private static String setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static URI reachable(String what, String uri) {
        if (uri == null) {
            Requirements.missing(what, "no address configured (run the tests through .ci/run, which starts one)");
        }
        URI parsed = URI.create(uri);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(parsed.getHost(), parsed.getPort()), CONNECT_TIMEOUT_MS);
        } catch (IOException | IllegalArgumentException e) {
            Requirements.missing(what, "nothing answers at " + uri + " (" + e.getMessage() + ")");
        }
        return parsed;
    }
}
