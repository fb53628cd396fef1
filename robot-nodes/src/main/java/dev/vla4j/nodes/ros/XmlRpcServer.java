package dev.vla4j.nodes.ros;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves XML-RPC calls over HTTP/1.1 on {@code POST /} with the JDK's HTTP server (a node's slave API,
 * specs/ros1-mqtt.md §5.5). Requests larger than {@link #MAX_REQUEST_BYTES} are refused.
 */
public final class XmlRpcServer implements AutoCloseable {
    /** Slave API calls are a few kilobytes; nothing legitimate comes near this. */
    public static final int MAX_REQUEST_BYTES = 4 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(XmlRpcServer.class);

    /** Answers one call; an {@link XmlRpcException} becomes an XML-RPC fault. */
    @FunctionalInterface
    public interface Handler {
        Object handle(String method, List<Object> params) throws XmlRpcException;
    }

    private final HttpServer http;
    private final ExecutorService executor;
    private final URI uri;

    private XmlRpcServer(HttpServer http, ExecutorService executor, String advertisedHost) {
        this.http = http;
        this.executor = executor;
        this.uri = URI.create("http://" + advertisedHost + ":" + http.getAddress().getPort() + "/");
    }

    /**
     * Listens on {@code bind} (port 0 for any free port) and advertises {@code advertisedHost} in {@link #uri()}.
     */
    public static XmlRpcServer start(InetSocketAddress bind, String advertisedHost, String threadName, Handler handler)
            throws IOException {
        HttpServer http = HttpServer.create(bind, 16);
        ExecutorService executor = Executors.newFixedThreadPool(4, new DaemonThreads(threadName));
        http.setExecutor(executor);
        http.createContext("/", exchange -> serve(exchange, handler));
        http.start();
        return new XmlRpcServer(http, executor, advertisedHost);
    }

    /** {@code http://host:port/}, the address peers call. */
    public URI uri() {
        return uri;
    }

    private static void serve(HttpExchange exchange, Handler handler) throws IOException {
        try (exchange) {
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_REQUEST_BYTES + 1);
            }
            byte[] reply = body.length > MAX_REQUEST_BYTES
                    ? XmlRpc.encodeFault(-32700, "request larger than " + MAX_REQUEST_BYTES + " bytes")
                    : answer(body, handler);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        }
    }

    private static byte[] answer(byte[] body, Handler handler) {
        XmlRpc.Call call;
        try {
            call = XmlRpc.decodeCall(new ByteArrayInputStream(body));
        } catch (XmlRpcException e) {
            LOG.warn("refused a malformed XML-RPC request: {}", e.getMessage());
            return XmlRpc.encodeFault(-32700, e.getMessage());
        }
        try {
            return XmlRpc.encodeResponse(handler.handle(call.method(), call.params()));
        } catch (XmlRpcException e) {
            return XmlRpc.encodeFault(-32500, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("XML-RPC {} failed", call.method(), e);
            return XmlRpc.encodeFault(-32500, call.method() + " failed: " + e);
        }
    }

    /** Stops serving; calls in progress get up to a second to finish their answer. */
    @Override
    public void close() {
        http.stop(1);
        executor.shutdownNow();
    }
}
