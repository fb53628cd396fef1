package dev.vla4j.nodes.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Who may reach what: the token, the Origin check, the webroot's walls, /healthz and /metrics. */
class TeleopAccessTest {
    private static final String TOKEN = "test-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SimTeleopFixture sim;

    @BeforeAll
    static void start() {
        sim = new SimTeleopFixture(null, TOKEN);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void theWebSocketNeedsTheTokenBeforeTheUpgrade() throws Exception {
        for (String query : new String[] {"", "?token=", "?token=test-token-0123456788"}) {
            UpgradeRejectedException e = assertThrows(UpgradeRejectedException.class,
                    () -> WsPage.open(sim.clients, sim.server.port(), query), query);
            assertEquals(401, e.getStatus(), query);
        }
        try (WsPage page = WsPage.open(sim.clients, sim.server.port(), "?token=" + TOKEN)) {
            assertTrue(page.id() > 0);
        }
        assertTrue(sim.server.url().endsWith("/?token=" + TOKEN), sim.server.url());
    }

    @Test
    void aWebSocketFromAnotherOriginIsRefused() {
        UpgradeRejectedException e = assertThrows(UpgradeRejectedException.class, () -> sim.clients
                .createWebSocketClient().connect(new WebSocketConnectOptions().setHost("127.0.0.1")
                        .setPort(sim.server.port()).setURI("/ws/teleop?token=" + TOKEN)
                        .addHeader("Origin", "http://evil.example")).await());
        assertEquals(403, e.getStatus());
    }

    @Test
    void theEstopEndpointNeedsTheTokenAndLatches() throws Exception {
        assertEquals(401, post("/api/estop").statusCode());
        assertFalse(sim.backend.status().estop());
        HttpResponse<String> ok = post("/api/estop?token=" + TOKEN);
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(sim.backend.status().estop());
        String metrics = get("/metrics").body();
        assertTrue(metrics.contains("vla_teleop_estops_total 1.0"), metrics);
        sim.backend.resetEstop();
    }

    @Test
    void thePageAndItsVendoredLibraryAreServed() throws Exception {
        assertTrue(get("/").body().contains("<canvas id=\"camera\""));
        assertTrue(get("/app.js").body().contains("/ws/teleop"));
        assertEquals(200, get("/vendor/uPlot.iife.min.js").statusCode());
        assertEquals(200, get("/vendor/uPlot.LICENSE").statusCode());
    }

    @Test
    void theRawRequestsBelowReachTheServer() throws IOException {
        assertTrue(rawGet("/app.js").startsWith("HTTP/1.1 200 "), "so their refusals below are the server's own");
    }

    /** Paths that try to leave the webroot, for files on disk or elsewhere on the class path. */
    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/../../pom.xml", "/..%2f..%2fpom.xml", "/%2e%2e/%2e%2e/pom.xml",
        "/%2e%2e%2fdev/vla4j/nodes/web/TeleopServer.class", "/../dev/vla4j/nodes/web/TeleopServer.class",
        "/vendor/../../logback-test.xml", "/..%5c..%5cpom.xml", "/..\\..\\pom.xml", "//etc/passwd",
        "/%2fetc%2fpasswd", "/file:/etc/passwd", "/webroot/index.html", "/vendor/"})
    void nothingOutsideTheWebrootIsServed(String path) throws IOException {
        String response = rawGet(path);
        String status = response.lines().findFirst().orElse("");
        assertFalse(status.contains(" 200 "), path + " -> " + status);
        assertFalse(response.contains("root:x:0:0") || response.contains("<project") || response.contains("<configuration")
                || response.contains("\u00ca\u00fe\u00ba\u00be"), path + " leaked a file");
    }

    @Test
    void healthAndMetricsReportTheControlLoop() throws Exception {
        JsonObject health = new JsonObject(get("/healthz").body());
        assertEquals("ok", health.getString("status"));
        assertTrue(health.getBoolean("connected"));
        sim.backend.setMode(Mode.POLICY);
        Thread.sleep(1500);
        String metrics = get("/metrics").body();
        sim.backend.setMode(Mode.HOLD);
        double rate = sample(metrics, "vla_control_rate_hz");
        assertTrue(rate >= 6 && rate <= 12, "the 10 Hz loop reports " + rate + " Hz");
        assertTrue(sample(metrics, "vla_inference_latency_seconds_count") >= 5, metrics);
        for (String name : new String[] {"vla_control_steps_total", "vla_inference_latency_seconds_bucket{le=",
            "vla_ws_rtt_seconds_bucket{le=", "vla_teleop_frames_dropped_total", "vla_teleop_frames_sent_total",
            "vla_teleop_deadman_trips_total", "vla_teleop_clients", "vertx_http_server_requests_total"}) {
            assertTrue(metrics.contains(name), name + " missing from /metrics");
        }
    }

    private static double sample(String metrics, String name) {
        return metrics.lines().filter(l -> l.startsWith(name + " ")).mapToDouble(l -> Double.parseDouble(
                l.substring(name.length() + 1).trim())).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + sim.server.port() + path);
    }

    /** The request line exactly as given (an HTTP client would normalise it), and the whole response. */
    private static String rawGet(String path) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", sim.server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
