package dev.vla4j.nodes.web;

import dev.vla4j.nodes.mqtt.CameraFrame;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pages connected to {@code /ws/teleop} and the rules between them and the robot (protocol in
 * {@link TeleopServer}): one operator holds control at a time, everyone may latch the e-stop, and a deadman
 * holds the robot when the operator's commands stop arriving in {@link Mode#TELEOP}. Everything here runs on the
 * server's one event-loop context; the backend's callbacks are handed over to it.
 */
final class TeleopHub implements TeleopBackend.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(TeleopHub.class);
    private static final int DEADMAN_CHECK_MS = 50;
    private static final int WRITE_QUEUE_BYTES = 256 * 1024;
    private static final float JPEG_QUALITY = 0.85f;
    /** Policy violation: an unknown or unreadable message closes the connection (RFC 6455 §7.4.1). */
    private static final short POLICY_VIOLATION = 1008;

    private final Context context;
    private final TeleopBackend backend;
    private final TeleopMetrics metrics;
    private final long deadmanNs;
    private final List<Session> sessions = new ArrayList<>();
    private Session operator;
    private int nextId = 1;
    private long lastDeadmanNs;
    private long lastChunkAt;

    /** One connected page. */
    private static final class Session {
        final ServerWebSocket ws;
        final int id;
        long lastSeq = Long.MIN_VALUE;

        Session(ServerWebSocket ws, int id) {
            this.ws = ws;
            this.id = id;
        }
    }

    TeleopHub(Context context, TeleopBackend backend, TeleopMetrics metrics, int deadmanMs) {
        this.context = context;
        this.backend = backend;
        this.metrics = metrics;
        this.deadmanNs = Duration.ofMillis(deadmanMs).toNanos();
        context.owner().setPeriodic(DEADMAN_CHECK_MS, id -> checkDeadman());
    }

    /** A new page: the operator if nobody holds control, else a viewer. */
    void open(ServerWebSocket ws) {
        Session s = new Session(ws, nextId++);
        ws.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
        sessions.add(s);
        metrics.clients.set(sessions.size());
        if (operator == null) {
            operator = s;
        }
        ws.textMessageHandler(text -> receive(s, text));
        ws.binaryMessageHandler(b -> ws.close(POLICY_VIOLATION, "binary messages are not accepted"));
        ws.closeHandler(v -> closed(s));
        send(s, new JsonObject().put("type", "hello").put("client", s.id).put("deadman_ms", deadmanNs / 1_000_000));
        broadcastState(backend.status());
    }

    private void closed(Session s) {
        sessions.remove(s);
        metrics.clients.set(sessions.size());
        if (s == operator) {
            operator = null;
            holdIfTeleop("the operator disconnected");
        }
        broadcastState(backend.status());
    }

    private void receive(Session s, String text) {
        JsonObject m;
        try {
            m = new JsonObject(text);
        } catch (DecodeException e) {
            s.ws.close(POLICY_VIOLATION, "not a JSON object");
            return;
        }
        String type = String.valueOf(m.getValue("type"));
        try {
            switch (type) {
                case "cmd" -> command(s, m);
                case "estop" -> estop("page " + s.id);
                case "control" -> control(s, TeleopMessages.text(m, "op"));
                case "mode" -> requireOperator(s, type).setMode(TeleopMessages.mode(m));
                case "instruction" -> requireOperator(s, type).setInstruction(TeleopMessages.text(m, "text"));
                case "estop_reset" -> resetEstop(s, m);
                case "episode" -> episode(s, TeleopMessages.text(m, "op"));
                default -> {
                    metrics.commandsRejected.increment();
                    s.ws.close(POLICY_VIOLATION, "unknown message type " + type);
                    return;
                }
            }
            if (type.equals("mode") && backend.status().mode() == Mode.TELEOP) {
                lastDeadmanNs = System.nanoTime();
            }
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            metrics.commandsRejected.increment();
            send(s, new JsonObject().put("type", "error").put("message", type + ": " + e.getMessage()));
        }
        if (!type.equals("cmd")) {
            broadcastState(backend.status());
        }
    }

    private void command(Session s, JsonObject m) {
        TeleopMessages.Command c = TeleopMessages.command(m);
        if (s != operator) {
            throw new IllegalStateException("view only: another page holds control");
        }
        if (c.seq() <= s.lastSeq) {
            metrics.commandsRejected.increment();
            return; // stale or replayed: never applied, never acknowledged
        }
        s.lastSeq = c.seq();
        if (c.rttMs() != null) {
            metrics.roundTrip.record(Duration.ofNanos(Math.round(c.rttMs() * 1e6)));
        }
        if (c.deadman()) {
            lastDeadmanNs = System.nanoTime();
            backend.drive(c.right(), c.up());
        } else {
            backend.drive(0, 0);
        }
        send(s, new JsonObject().put("type", "ack").put("seq", c.seq()).put("t", c.clientTime()));
    }

    private void control(Session s, String op) {
        switch (op) {
            case "take" -> {
                if (operator != null && operator != s) {
                    throw new IllegalStateException("page " + operator.id + " holds control; it must release it first");
                }
                operator = s;
            }
            case "release" -> {
                if (operator == s) {
                    operator = null;
                    holdIfTeleop("the operator released control");
                }
            }
            default -> throw new IllegalArgumentException("control op must be take or release, got " + op);
        }
    }

    private void resetEstop(Session s, JsonObject m) {
        requireOperator(s, "estop_reset");
        if (!Boolean.TRUE.equals(m.getValue("confirm"))) {
            throw new IllegalArgumentException("resetting the e-stop needs \"confirm\": true");
        }
        backend.resetEstop();
    }

    private void episode(Session s, String op) throws java.io.IOException {
        requireOperator(s, "episode");
        switch (op) {
            case "start" -> backend.startEpisode();
            case "stop" -> backend.stopEpisode();
            case "discard" -> backend.discardEpisode();
            default -> throw new IllegalArgumentException("episode op must be start, stop or discard, got " + op);
        }
    }

    private TeleopBackend requireOperator(Session s, String what) {
        if (s != operator) {
            throw new IllegalStateException("view only: take control before sending " + what);
        }
        return backend;
    }

    /** Latches the e-stop for whoever asks (any page, or {@code POST /api/estop}). */
    void estop(String by) {
        LOG.warn("e-stop from {}", by);
        metrics.estops.increment();
        backend.estop();
        broadcastState(backend.status());
    }

    private void checkDeadman() {
        if (operator != null && System.nanoTime() - lastDeadmanNs > deadmanNs
                && holdIfTeleop("no command from the operator for " + deadmanNs / 1_000_000 + " ms (deadman)")) {
            metrics.deadmanTrips.increment();
        }
    }

    /** Stops teleop (not the policy) and says whether it did. */
    private boolean holdIfTeleop(String why) {
        if (backend.status().mode() != Mode.TELEOP) {
            return false;
        }
        backend.drive(0, 0);
        backend.setMode(Mode.HOLD);
        LOG.info("teleop stopped: {}", why);
        broadcastState(backend.status());
        return true;
    }

    @Override
    public void onFrame(CameraImage frame) {
        byte[] jpeg = CameraFrame.encodeJpeg(frame.image(), JPEG_QUALITY);
        Buffer message = Buffer.buffer(12 + jpeg.length).appendDouble(frame.capturedAt())
                .appendUnsignedInt(frame.seq() & 0xFFFFFFFFL).appendBytes(jpeg);
        context.runOnContext(v -> {
            for (Session s : sessions) {
                if (s.ws.isClosed()) {
                    continue;
                }
                if (s.ws.writeQueueFull()) {
                    metrics.framesDropped.increment();
                } else {
                    s.ws.writeBinaryMessage(message);
                    metrics.framesSent.increment();
                }
            }
        });
    }

    @Override
    public void onStatus(RobotStatus status) {
        context.runOnContext(v -> {
            metrics.stepReached(status.step());
            PredictedChunk chunk = status.chunk();
            if (chunk != null && chunk.madeAt() != lastChunkAt) {
                lastChunkAt = chunk.madeAt();
                metrics.inference.record(Duration.ofNanos(Math.round(chunk.inferMs() * 1e6)));
            }
            broadcastState(status);
        });
    }

    private void broadcastState(RobotStatus status) {
        String json = TeleopMessages.state(status, operator == null ? null : operator.id, sessions.size()).encode();
        sessions.forEach(s -> write(s, json));
    }

    private static void send(Session s, JsonObject message) {
        write(s, message.encode());
    }

    /** Writes unless the page is already gone (its close handler will remove it). */
    private static void write(Session s, String text) {
        if (!s.ws.isClosed()) {
            s.ws.writeTextMessage(text);
        }
    }
}
