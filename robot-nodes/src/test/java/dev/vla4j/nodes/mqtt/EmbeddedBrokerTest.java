package dev.vla4j.nodes.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vla4j.nodes.PeerProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EmbeddedBrokerTest {

    @Test
    void servesMqtt5OnAFreePortAndReleasesItOnClose() {
        long start = System.nanoTime();
        String uri;
        try (EmbeddedBroker broker = EmbeddedBroker.start(0)) {
            System.out.printf("embedded HiveMQ started in %.1f s%n", (System.nanoTime() - start) / 1e9);
            uri = broker.uri();
            assertEquals("tcp://127.0.0.1:" + broker.port(), uri);
            PeerProbe.Status status = PeerProbe.mqttBroker(uri, Duration.ofSeconds(5));
            assertTrue(status.reachable(), status.detail());

            IllegalStateException taken = assertThrows(IllegalStateException.class,
                    () -> EmbeddedBroker.start(broker.port()).close());
            assertTrue(taken.getMessage().contains("port " + broker.port()), taken.getMessage());
        }
        assertFalse(PeerProbe.mqttBroker(uri, Duration.ofSeconds(2)).reachable(), "closed broker still answers");
    }

    @Test
    void refusesAnImpossiblePort() {
        assertThrows(IllegalArgumentException.class, () -> EmbeddedBroker.start(70_000));
    }
}
