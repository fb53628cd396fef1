package dev.vla4j.nodes.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Where the teleop server listens and who may use it.
 *
 * @param host      the address to bind; anything but a loopback address requires a token
 * @param port      the TCP port, or 0 for any free one
 * @param token     the access token the WebSocket and {@code /api/*} require as {@code ?token=}, or null for none
 *                  (loopback only)
 * @param deadmanMs how long teleop continues without a command from the operator, 250–500 ms
 */
public record TeleopServerOptions(String host, int port, String token, int deadmanMs) {
    /** The deadman timeout of specs/ux.md §3.3. */
    public static final int DEFAULT_DEADMAN_MS = 300;

    public TeleopServerOptions {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the host to bind is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (deadmanMs < 250 || deadmanMs > 500) {
            throw new IllegalArgumentException("the deadman timeout must be within 250..500 ms, got " + deadmanMs);
        }
        if (token != null && token.length() < 16) {
            throw new IllegalArgumentException("the access token must have at least 16 characters, got "
                    + token.length());
        }
        if (token == null && !isLoopback(host)) {
            throw new IllegalArgumentException("binding to " + host + " exposes the robot beyond this machine: "
                    + "give an access token (--token), or bind to 127.0.0.1");
        }
    }

    /** Loopback only, no token, the default deadman. */
    public static TeleopServerOptions local(int port) {
        return new TeleopServerOptions("127.0.0.1", port, null, DEFAULT_DEADMAN_MS);
    }

    private static boolean isLoopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve the host to bind, " + host + ": " + e.getMessage());
        }
    }
}
