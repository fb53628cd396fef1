package dev.vla4j.nodes.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The teleop web UI's server (Vert.x): the page from the bundled {@code webroot}, one WebSocket for everything live,
 * health and metrics. Bound to 127.0.0.1 unless given a token ({@link TeleopServerOptions}).
 *
 * <h2>URLs</h2>
 * <pre>
 * GET  /                 the page (static files come only from the bundled webroot)
 * GET  /ws/teleop        the WebSocket below; with a token: ?token=…, checked before the upgrade (401), and an
 *                        Origin header, if sent, must name this server (403)
 * POST /api/estop        latches the e-stop (same token rule): for scripts and a second device
 * GET  /healthz          {"status":"ok","connected":…,"mode":…,"estop":…,"clients":…}
 * GET  /metrics          Prometheus text ({@link TeleopMetrics} and Vert.x's own HTTP meters)
 * </pre>
 *
 * <h2>WebSocket protocol (JSON text frames; binary frames carry the camera)</h2>
 * <pre>
 * → {"type":"cmd","seq":42,"t":&lt;page ms&gt;,"deadman":true,"move":{"right":r,"up":u},"rtt_ms":3.1}
 *      r, u in [-1, 1]: image-frame velocity as a fraction of the top speed; operator only; 20 Hz while the
 *      page is focused; a seq not above the last one is dropped; deadman false means stop
 * → {"type":"mode","mode":"TELEOP|POLICY|HOLD"}   → {"type":"instruction","text":"push the red block left"}
 * → {"type":"estop"} (anyone)   → {"type":"estop_reset","confirm":true}   → {"type":"episode","op":"start|stop|discard"}
 * → {"type":"control","op":"take|release"}   the first page gets control; others view until it is released
 * ← {"type":"hello","client":3,"deadman_ms":300}   ← {"type":"ack","seq":42,"t":&lt;the cmd's t&gt;}
 * ← {"type":"state","mode":…,"estop":…,"instruction":…,"q":[…],"step":…,"operator":3,"clients":2,
 *    "recording":{…},"note":…,"chunk":{"t0":…,"horizon":8,"actions":[[…]…],"px":[[x,y]…],"infer_ms":…}|null}
 * ← {"type":"error","message":…}   ← binary: float64 capture time (epoch ms), uint32 seq, then the JPEG (big-endian)
 * </pre>
 * An unknown type, a binary or a non-JSON message closes the connection with code 1008. In {@link Mode#TELEOP},
 * no {@code cmd} with {@code deadman:true} for the deadman time, or the operator leaving, switches to
 * {@link Mode#HOLD}.
 */
public final class TeleopServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TeleopServer.class);

    private final Vertx vertx;
    private final HttpServer http;
    private final TeleopServerOptions options;

    private TeleopServer(Vertx vertx, HttpServer http, TeleopServerOptions options) {
        this.vertx = vertx;
        this.http = http;
        this.options = options;
    }

    /** Starts serving {@code backend}; returns once listening. Call it from a thread outside any Vert.x event loop. */
    public static TeleopServer start(TeleopBackend backend, TeleopServerOptions options) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(registry)).build();
        try {
            TeleopMetrics metrics = new TeleopMetrics(registry);
            Context context = vertx.getOrCreateContext();
            TeleopHub hub = new TeleopHub(context, backend, metrics, options.deadmanMs());
            backend.addListener(hub);
            Router router = Router.router(vertx);
            router.get("/healthz").handler(ctx -> health(ctx, backend, metrics));
            router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
            router.post("/api/estop").handler(ctx -> {
                if (admitted(ctx, options)) {
                    hub.estop("POST /api/estop from " + ctx.request().remoteAddress());
                    ctx.json(new JsonObject().put("estop", true));
                }
            });
            router.get("/ws/teleop").handler(ctx -> {
                if (admitted(ctx, options)) {
                    ctx.request().toWebSocket().onSuccess(hub::open)
                            .onFailure(e -> LOG.warn("WebSocket upgrade failed: {}", e.toString()));
                }
            });
            router.route("/*").handler(StaticHandler.create("webroot").setDirectoryListing(false));
            Promise<HttpServer> listening = Promise.promise();
            context.runOnContext(v -> vertx.createHttpServer().requestHandler(router)
                    .listen(options.port(), options.host()).onComplete(listening));
            HttpServer http = listening.future().await();
            TeleopServer server = new TeleopServer(vertx, http, options);
            LOG.info("teleop UI at {}", server.url());
            return server;
        } catch (RuntimeException e) {
            vertx.close();
            throw new IllegalStateException("the teleop server could not listen on " + options.host() + ":"
                    + options.port() + ": " + e.getMessage(), e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return http.actualPort();
    }

    /** The page's address, with the token when there is one. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        String url = "http://" + host + ":" + port() + "/";
        return options.token() == null ? url : url + "?token=" + URLEncoder.encode(options.token(),
                StandardCharsets.UTF_8);
    }

    /** Checks the token (when one is set) and the Origin (when sent); answers 401 or 403 when refused. */
    private static boolean admitted(RoutingContext ctx, TeleopServerOptions options) {
        if (options.token() != null) {
            String given = ctx.queryParams().get("token");
            if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                    options.token().getBytes(StandardCharsets.UTF_8))) {
                ctx.response().setStatusCode(401).end("a valid ?token= is required");
                return false;
            }
        }
        String origin = ctx.request().getHeader("Origin");
        if (origin != null && !sameOrigin(origin, ctx.request().getHeader("Host"))) {
            ctx.response().setStatusCode(403).end("cross-origin requests are refused");
            return false;
        }
        return true;
    }

    private static boolean sameOrigin(String origin, String host) {
        try {
            return host != null && host.equalsIgnoreCase(URI.create(origin).getRawAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void health(RoutingContext ctx, TeleopBackend backend, TeleopMetrics metrics) {
        RobotStatus s = backend.status();
        ctx.json(new JsonObject().put("status", "ok").put("connected", s.connected()).put("mode", s.mode().name())
                .put("estop", s.estop()).put("clients", metrics.clients.get()));
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
