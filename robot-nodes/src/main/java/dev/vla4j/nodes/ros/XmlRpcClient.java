package dev.vla4j.nodes.ros;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Calls methods on one XML-RPC endpoint (a ROS master or a node's slave API) over HTTP/1.1. */
public final class XmlRpcClient {
    private final URI endpoint;
    private final Duration timeout;
    private final HttpClient http;

    public XmlRpcClient(URI endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        // HTTP/1.1 explicitly: the default HTTP/2 adds h2c upgrade headers that ROS peers do not expect.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public URI endpoint() {
        return endpoint;
    }

    /**
     * Calls {@code method} and returns its single result value.
     *
     * @throws XmlRpcException naming the endpoint and method when the peer is unreachable, answers with a
     *     non-200 status or a malformed body, or returns a fault
     */
    public Object call(String method, Object... params) throws XmlRpcException {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(timeout)
                .header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(XmlRpc.encodeCall(method, List.of(params))))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new XmlRpcException(where(method) + " answered HTTP " + response.statusCode());
                }
                return XmlRpc.decodeResponse(body);
            }
        } catch (XmlRpcException e) {
            throw new XmlRpcException(where(method) + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new XmlRpcException(where(method) + " is unreachable: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XmlRpcException(where(method) + " was interrupted", e);
        }
    }

    private String where(String method) {
        return "XML-RPC " + method + " at " + endpoint;
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
