package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.PeerProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {
    @Test
    void acceptsAnMqtt5SessionOnAFreePort() {
        long t0 = System.nanoTime();
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            System.out.printf("embedded broker started in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            PeerProbe.Status status = PeerProbe.mqttBroker(broker.uri(), Duration.ofSeconds(5));
            assertTrue(status.reachable(), status.detail());
        }
    }
}
