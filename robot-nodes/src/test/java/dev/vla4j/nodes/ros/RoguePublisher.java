package dev.vla4j.nodes.ros;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A misbehaving TCPROS publisher for tests: registers with the master like any node, answers {@code requestTopic},
 * sends a correct connection header, then whatever bytes each connection's script says (garbage, truncated or
 * oversized frames) and closes. It is a raw peer producing bad input, not a stand-in for a real one.
 */
final class RoguePublisher implements AutoCloseable {
    private final ServerSocket tcp;
    private final XmlRpcServer slave;
    private final List<byte[]> scripts;
    private int connections;

    RoguePublisher(LocalRosMaster ros, String topic, String type, String md5, List<byte[]> scripts) throws IOException {
        this.scripts = scripts;
        this.tcp = new ServerSocket();
        tcp.bind(new InetSocketAddress(LocalRosMaster.HOST, 0));
        this.slave = XmlRpcServer.start(new InetSocketAddress(LocalRosMaster.HOST, 0), LocalRosMaster.HOST, "rogue",
                (method, params) -> List.of(1, "ready", List.of("TCPROS", LocalRosMaster.HOST, tcp.getLocalPort())));
        Thread accept = new Thread(() -> serve(topic, type, md5), "rogue-publisher");
        accept.setDaemon(true);
        accept.start();
        new RosMaster(ros.uri(), "/rogue", Duration.ofSeconds(5)).registerPublisher(topic, type, slave.uri());
    }

    private void serve(String topic, String type, String md5) {
        while (!tcp.isClosed()) {
            try (Socket socket = tcp.accept()) {
                TcpRos.readHeader(new BufferedInputStream(socket.getInputStream()));
                Map<String, String> header = new LinkedHashMap<>();
                header.put("callerid", "/rogue");
                header.put("md5sum", md5);
                header.put("topic", topic);
                header.put("type", type);
                OutputStream out = socket.getOutputStream();
                out.write(TcpRos.encodeHeader(header));
                out.write(scripts.get(Math.min(connections++, scripts.size() - 1)));
                out.flush();
            } catch (IOException e) {
                // the test's subscriber hung up, or the rogue is closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        slave.close();
        tcp.close();
    }
}
