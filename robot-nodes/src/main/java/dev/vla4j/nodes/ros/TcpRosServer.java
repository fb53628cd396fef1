package dev.vla4j.nodes.ros;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's TCPROS port: accepts subscribers' connections, reads each connection header on its own thread and
 * hands the socket to the publisher of the requested topic. A bad or unknown request is answered with an
 * {@code error} header and closed; it never affects other connections.
 */
final class TcpRosServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpRosServer.class);

    private final ServerSocket server;
    private final NodeContext node;
    private final Function<String, Publisher<?>> publishers;

    private TcpRosServer(ServerSocket server, NodeContext node, Function<String, Publisher<?>> publishers) {
        this.server = server;
        this.node = node;
        this.publishers = publishers;
    }

    /** Listens on {@code host} at a free port; {@code publishers} finds the publisher of a topic, or null. */
    static TcpRosServer start(String host, NodeContext node, Function<String, Publisher<?>> publishers)
            throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(host, 0), 64);
        TcpRosServer tcp = new TcpRosServer(server, node, publishers);
        DaemonThreads.start("tcpros-accept-" + server.getLocalPort(), tcp::acceptLoop, true);
        return tcp;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                DaemonThreads.start("tcpros-handshake-" + socket.getPort(), () -> handshake(socket), true);
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("accepting a TCPROS connection failed: {}", e.getMessage());
                }
            }
        }
    }

    private void handshake(Socket socket) {
        try {
            socket.setSoTimeout((int) node.options().callTimeout().toMillis());
            Map<String, String> header = TcpRos.readHeader(new BufferedInputStream(socket.getInputStream()));
            String topic = header.get("topic");
            Publisher<?> publisher = topic == null ? null : publishers.apply(topic);
            if (publisher == null) {
                String reason = topic == null ? "no topic in the connection header (services are not supported)"
                        : "node " + node.name() + " does not publish " + topic;
                LOG.warn("refused a TCPROS connection from {}: {}", socket.getRemoteSocketAddress(), reason);
                socket.getOutputStream().write(TcpRos.encodeHeader(Map.of("error", reason)));
                socket.close();
                return;
            }
            publisher.accept(socket, header);
        } catch (IOException | RuntimeException e) {
            LOG.warn("TCPROS handshake with {} failed: {}", socket.getRemoteSocketAddress(), e.getMessage());
            try {
                socket.close();
            } catch (IOException closeFailure) {
                e.addSuppressed(closeFailure);
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
