package dev.vla4j.nodes.web;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A page as the tests see it: a Vert.x WebSocket client on /ws/teleop that keeps what it receives. */
final class WsPage implements AutoCloseable {
    final BlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final WebSocketClient client;
    private final WebSocket ws;
    private final int id;
    private long seq;

    /** A camera frame and when it arrived (epoch ms). */
    record Frame(double capturedAt, long seq, int jpegBytes, long receivedAt) {}

    private WsPage(WebSocketClient client, int port, String query) throws InterruptedException {
        this.client = client;
        // Handlers are set as the connection completes, on its event loop, so no early message is lost.
        this.ws = client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port)
                .setURI("/ws/teleop" + query)).map(socket -> {
                    socket.textMessageHandler(t -> messages.add(new JsonObject(t)));
                    socket.binaryMessageHandler(b -> frames.add(new Frame(b.getDouble(0), b.getUnsignedInt(8),
                            b.length() - 12, System.currentTimeMillis())));
                    return socket;
                }).await();
        this.id = await("hello", m -> true).getInteger("client");
    }

    static WsPage open(Vertx vertx, int port, String query) throws InterruptedException {
        return new WsPage(vertx.createWebSocketClient(), port, query);
    }

    int id() {
        return id;
    }

    void send(JsonObject message) {
        ws.writeTextMessage(message.encode()).await();
    }

    void send(String type, Object... keyValues) {
        JsonObject m = new JsonObject().put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        send(m);
    }

    /** Sends a teleop command with the next seq; returns that seq. */
    long drive(double right, double up, boolean deadman) {
        send(new JsonObject().put("type", "cmd").put("seq", ++seq).put("t", (double) System.nanoTime() / 1e6)
                .put("deadman", deadman).put("move", new JsonObject().put("right", right).put("up", up)));
        return seq;
    }

    /** The next message of {@code type} that matches, skipping others; fails after 5 s. */
    JsonObject await(String type, Predicate<JsonObject> matches) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (true) {
            JsonObject m = messages.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no '" + type + "' message matching within 5 s");
            }
            if (type.equals(m.getString("type")) && matches.test(m)) {
                return m;
            }
        }
    }

    /** The close code, once the server closed the connection (waits up to 5 s). */
    Short closeCode() throws InterruptedException {
        for (int i = 0; i < 100 && !ws.isClosed(); i++) {
            Thread.sleep(50);
        }
        return ws.closeStatusCode();
    }

    @Override
    public void close() {
        client.close().await();
    }
}
