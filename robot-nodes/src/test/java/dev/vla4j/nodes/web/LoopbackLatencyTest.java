package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * specs/ux.md §3.1's loopback targets, measured with a Vert.x WebSocket client as the page: the command round trip
 * (cmd sent → its ack received, 100 commands at 20 Hz) and the camera frame latency (the backend's capture time →
 * the frame received, every frame meanwhile, JPEG encoding included). The numbers are printed, not asserted (a
 * shared machine's timing is no test verdict); what is asserted is that every command was acknowledged in order and
 * frames kept arriving.
 */
class LoopbackLatencyTest {
    @Test
    void commandRoundTripAndFrameLatencyAreMeasured() throws Exception {
        List<Double> rtt = new ArrayList<>();
        List<Double> frameAge = new ArrayList<>();
        try (SimTeleopFixture sim = new SimTeleopFixture(null, null); WsPage page = sim.operatorPage()) {
            page.send("mode", "mode", "TELEOP");
            page.await("state", s -> s.getString("mode").equals("TELEOP"));
            page.frames.clear();
            for (int i = 0; i < 100; i++) {
                long sent = System.nanoTime();
                long seq = page.drive(0, 0, true);
                page.await("ack", a -> a.getLong("seq") == seq);
                rtt.add((System.nanoTime() - sent) / 1e6);
                Thread.sleep(50);
            }
            page.frames.forEach(f -> frameAge.add((double) (f.receivedAt() - f.capturedAt())));
        }
        System.out.printf(Locale.ROOT, "[vla4j] loopback: command round trip p50 %.2f ms, p95 %.2f ms (n=%d); "
                + "camera frame latency p50 %.1f ms, p95 %.1f ms (n=%d)%n", p50(rtt), p95(rtt), rtt.size(),
                p50(frameAge), p95(frameAge), frameAge.size());
        assertEquals(100, rtt.size(), "every command acknowledged");
        assertTrue(frameAge.size() >= 40, "10 Hz frames over ~5 s, got " + frameAge.size());
        assertTrue(frameAge.stream().allMatch(age -> age >= 0), "frames are received after they are captured");
    }

    private static double p50(List<Double> values) {
        return quantile(values, 0.5);
    }

    private static double p95(List<Double> values) {
        return quantile(values, 0.95);
    }

    private static double quantile(List<Double> values, double q) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(q * sorted.size()) - 1);
    }
}
