package dev.vla4j.nodes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.testkit.Peers;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerProbeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void deadPeersAreReportedUnreachableWithAReason() {
        PeerProbe.Status ros = PeerProbe.rosMaster(URI.create("http://127.0.0.1:9/"), TIMEOUT);
        PeerProbe.Status mqtt = PeerProbe.mqttBroker("tcp://127.0.0.1:9", TIMEOUT);
        assertFalse(ros.reachable());
        assertFalse(mqtt.reachable());
        assertFalse(ros.detail().isBlank());
        assertFalse(mqtt.detail().isBlank());
    }

    @Test
    void aMalformedBrokerAddressIsReportedNotThrown() {
        PeerProbe.Status status = PeerProbe.mqttBroker("not a uri", TIMEOUT);
        assertFalse(status.reachable());
        assertFalse(status.detail().isBlank());
    }

    @Test
    void theRealMasterIsReachable() {
        PeerProbe.Status status = PeerProbe.rosMaster(Peers.rosMaster(), TIMEOUT);
        assertTrue(status.reachable(), status.toString());
    }

    @Test
    void theRealBrokerIsReachable() {
        PeerProbe.Status status = PeerProbe.mqttBroker(Peers.mqttBroker().toString(), TIMEOUT);
        assertTrue(status.reachable(), status.toString());
    }
}
