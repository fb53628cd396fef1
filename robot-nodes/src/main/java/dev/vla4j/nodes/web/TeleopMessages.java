package dev.vla4j.nodes.web;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;

/** Reads the pages' JSON messages strictly (clear errors naming the field) and writes the server's. */
final class TeleopMessages {
    private TeleopMessages() {
    }

    /**
     * A teleop command: {@code {"type":"cmd","seq":42,"t":<page ms>,"deadman":true,"move":{"right":r,"up":u}}}, with
     * an optional {@code "rtt_ms"} (the page's last measured round trip).
     */
    record Command(long seq, double clientTime, boolean deadman, double right, double up, Double rttMs) {}

    static Command command(JsonObject m) {
        Object seq = m.getValue("seq");
        if (!(seq instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue()) || n.longValue() < 0) {
            throw new IllegalArgumentException("seq must be a non-negative integer, got " + seq);
        }
        Object deadman = m.getValue("deadman");
        if (!(deadman instanceof Boolean held)) {
            throw new IllegalArgumentException("deadman must be true or false, got " + deadman);
        }
        if (!(m.getValue("move") instanceof JsonObject move)) {
            throw new IllegalArgumentException("move must be an object {\"right\":r,\"up\":u}");
        }
        double right = number(move, "right", "move.right");
        double up = number(move, "up", "move.up");
        if (Math.abs(right) > 1 || Math.abs(up) > 1) {
            throw new IllegalArgumentException("move.right and move.up must be within [-1, 1], got " + right + ", " + up);
        }
        Double rtt = m.containsKey("rtt_ms") ? number(m, "rtt_ms", "rtt_ms") : null;
        if (rtt != null && rtt < 0) {
            throw new IllegalArgumentException("rtt_ms must not be negative, got " + rtt);
        }
        return new Command(n.longValue(), number(m, "t", "t"), held, right, up, rtt);
    }

    static Mode mode(JsonObject m) {
        String name = text(m, "mode");
        try {
            return Mode.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mode must be TELEOP, POLICY or HOLD, got " + name);
        }
    }

    static String text(JsonObject m, String key) {
        if (!(m.getValue(key) instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a string, got " + m.getValue(key));
        }
        return s;
    }

    private static double number(JsonObject m, String key, String name) {
        if (!(m.getValue(key) instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + m.getValue(key));
        }
        return n.doubleValue();
    }

    /** {@code {"type":"state", ...}}: the robot's status, who holds control and how many pages watch. */
    static JsonObject state(RobotStatus s, Integer operator, int clients) {
        JsonArray state = new JsonArray();
        for (float v : s.state()) {
            state.add(v);
        }
        RecordingStatus r = s.recording();
        return new JsonObject().put("type", "state").put("t", System.currentTimeMillis())
                .put("connected", s.connected()).put("mode", s.mode().name()).put("estop", s.estop())
                .put("instruction", s.instruction()).put("q", state).put("q_names", new JsonArray(s.stateNames()))
                .put("step", s.step()).put("operator", operator).put("clients", clients).put("note", s.note())
                .put("recording", new JsonObject().put("dataset", r.dataset()).put("active", r.active())
                        .put("episodes", r.episodes()).put("frames", r.frames()))
                .put("chunk", s.chunk() == null ? null : chunk(s.chunk()));
    }

    private static JsonObject chunk(PredictedChunk c) {
        JsonArray actions = new JsonArray();
        for (float[] a : c.actions()) {
            JsonArray row = new JsonArray();
            for (float v : a) {
                row.add(v);
            }
            actions.add(row);
        }
        JsonArray pixels = null;
        if (c.pixels() != null) {
            pixels = new JsonArray();
            for (double[] p : c.pixels()) {
                pixels.add(new JsonArray().add(p[0]).add(p[1]));
            }
        }
        return new JsonObject().put("t0", c.madeAt()).put("horizon", c.actions().length).put("actions", actions)
                .put("px", pixels).put("infer_ms", c.inferMs());
    }
}
