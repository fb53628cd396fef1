package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server-side safety rules over a real WebSocket, against the simulated robot. */
class TeleopSafetyTest {
    private static SimTeleopFixture sim;

    @BeforeAll
    static void start() {
        sim = new SimTeleopFixture(null, null);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void clearLatch() {
        sim.backend.resetEstop();
        sim.backend.setMode(Mode.HOLD);
    }

    @Test
    void teleopMovesTheRobotAndTheDeadmanHoldsItWhenCommandsStop() throws Exception {
        try (WsPage page = sim.operatorPage()) {
            page.send("mode", "mode", "TELEOP");
            page.await("state", s -> s.getString("mode").equals("TELEOP"));
            double y0 = eeY();
            long heartbeatUntil = System.nanoTime() + 600_000_000L;
            while (System.nanoTime() < heartbeatUntil) { // hold "right" at 20 Hz for 0.6 s
                long seq = page.drive(1, 0, true);
                page.await("ack", a -> a.getLong("seq") == seq);
                Thread.sleep(50);
            }
            assertEquals(Mode.TELEOP, sim.backend.status().mode(), "a 20 Hz heartbeat keeps teleop alive");
            assertTrue(eeY() > y0 + 0.02, "holding right moves the effector to +y: " + y0 + " -> " + eeY());

            long silentAt = System.nanoTime();
            JsonObject held = page.await("state", s -> s.getString("mode").equals("HOLD"));
            double afterMs = (System.nanoTime() - silentAt) / 1e6;
            assertTrue(afterMs < 500, "the deadman holds within 500 ms of the last command, took " + afterMs);
            assertTrue(afterMs >= 200, "the deadman waits its 300 ms (less the last command's age), took " + afterMs);
            double yHeld = eeY();
            Thread.sleep(400);
            assertEquals(yHeld, eeY(), 1e-6, "nothing moves after the deadman tripped: " + held);
        }
    }

    @Test
    void aCommandWithoutDeadmanStopsMotionAndStaleCommandsAreDropped() throws Exception {
        try (WsPage page = sim.operatorPage()) {
            page.send("mode", "mode", "TELEOP");
            page.await("state", s -> s.getString("mode").equals("TELEOP"));
            long seq = page.drive(0, 1, true);
            page.await("ack", a -> a.getLong("seq") == seq);
            page.send(new JsonObject().put("type", "cmd").put("seq", seq).put("t", 0.0).put("deadman", true)
                    .put("move", new JsonObject().put("right", 1).put("up", 0)));
            long release = page.drive(0, 0, false);
            assertEquals(release, page.await("ack", a -> true).getLong("seq"), "the replayed seq gets no ack");
            Thread.sleep(250); // the step in progress may still carry the first command
            double x = eeX();
            long still = page.drive(0, 0, true);
            page.await("ack", a -> a.getLong("seq") == still);
            Thread.sleep(300);
            assertEquals(x, eeX(), 1e-6, "zero velocity (and the dropped replay) leave the effector still");
        }
    }

    @Test
    void oneOperatorAtATimeOthersViewOnly() throws Exception {
        try (WsPage first = sim.operatorPage(); WsPage second = sim.page()) {
            JsonObject state = second.await("state", s -> s.getInteger("clients") == 2);
            assertEquals(first.id(), state.getInteger("operator"), "the first page holds control");
            second.send("mode", "mode", "TELEOP");
            assertTrue(second.await("error", e -> true).getString("message").contains("view only"));
            second.drive(1, 0, true);
            assertTrue(second.await("error", e -> true).getString("message").contains("view only"));
            second.send("control", "op", "take");
            assertTrue(second.await("error", e -> true).getString("message").contains("holds control"));
            assertEquals(Mode.HOLD, sim.backend.status().mode());

            first.send("control", "op", "release");
            second.await("state", s -> s.getValue("operator") == null);
            second.send("control", "op", "take");
            second.await("state", s -> Integer.valueOf(second.id()).equals(s.getInteger("operator")));
            second.send("mode", "mode", "POLICY");
            second.await("state", s -> s.getString("mode").equals("POLICY"));
        }
    }

    @Test
    void anyViewerLatchesTheEstopAndOnlyAConfirmedResetByTheOperatorClearsIt() throws Exception {
        try (WsPage operator = sim.operatorPage(); WsPage viewer = sim.page()) {
            operator.send("mode", "mode", "POLICY");
            operator.await("state", s -> s.getString("mode").equals("POLICY") && s.getValue("chunk") != null);
            viewer.send("estop");
            JsonObject stopped = operator.await("state", s -> s.getBoolean("estop"));
            assertEquals("HOLD", stopped.getString("mode"));
            long step = sim.backend.status().step();
            Thread.sleep(350);
            assertEquals(step, sim.backend.status().step(), "no control step while the e-stop is latched");

            operator.send("mode", "mode", "TELEOP");
            assertTrue(operator.await("error", e -> true).getString("message").contains("latched"));
            viewer.send("estop_reset", "confirm", true);
            assertTrue(viewer.await("error", e -> true).getString("message").contains("view only"));
            operator.send("estop_reset");
            assertTrue(operator.await("error", e -> true).getString("message").contains("confirm"));
            assertTrue(sim.backend.status().estop(), "still latched after refused resets");

            operator.send("estop_reset", "confirm", true);
            JsonObject reset = operator.await("state", s -> !s.getBoolean("estop"));
            assertEquals("HOLD", reset.getString("mode"), "a reset does not restart motion");
        }
    }

    @Test
    void unknownAndMalformedMessagesClosePolicyViolation() throws Exception {
        try (WsPage page = sim.operatorPage()) {
            page.send("teleport", "x", 1);
            assertEquals((short) 1008, page.closeCode());
        }
        try (WsPage page = sim.operatorPage()) {
            page.drive(2, 0, true);
            assertTrue(page.await("error", e -> true).getString("message").contains("[-1, 1]"));
            page.send(new JsonObject().put("type", "cmd").put("seq", -1).put("t", 0).put("deadman", true));
            assertTrue(page.await("error", e -> true).getString("message").contains("seq"));
            page.send("instruction", "text", "still connected");
            page.await("state", st -> st.getString("instruction").equals("still connected"));
        }
    }

    private static double eeX() {
        return sim.backend.status().state()[0];
    }

    private static double eeY() {
        return sim.backend.status().state()[1];
    }
}
