package dev.vla4j.nodes.mqtt;

import dev.vla4j.testkit.Requirements;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** A Mosquitto this test starts, stops and starts again on the same loopback port (no persistence). */
public final class LocalMosquitto implements AutoCloseable {
    private final Path binary;
    private final Path config;
    private final int port;
    private Process process;

    private LocalMosquitto(Path binary, Path config, int port) {
        this.binary = binary;
        this.config = config;
        this.port = port;
    }

    /** Starts one on a free port, or skips (fails in CI) when no {@code mosquitto} binary is installed. */
    public static LocalMosquitto start() throws IOException {
        Optional<Path> binary = Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)),
                        Stream.of("/usr/sbin", "/usr/local/sbin"))
                .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "mosquitto")).filter(Files::isExecutable)
                .findFirst();
        if (binary.isEmpty()) {
            Requirements.missing("the mosquitto binary", "not found on PATH, /usr/sbin or /usr/local/sbin");
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path config = Files.createTempFile("vla4j-mosquitto-", ".conf");
        // Nagle + delayed ACKs add ~40 ms to a frame followed by a small message (measured): turn it off
        Files.writeString(config, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "set_tcp_nodelay true\n");
        LocalMosquitto broker = new LocalMosquitto(binary.get(), config, port);
        broker.restart();
        return broker;
    }

    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts the broker process (again) and waits until it accepts connections. */
    public void restart() throws IOException {
        process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Await.until("mosquitto listening on " + port, () -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return true;
            } catch (IOException e) {
                return !process.isAlive() && fail("mosquitto exited with " + process.exitValue());
            }
        });
    }

    /** Kills the broker process and waits for it to end. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    private static boolean fail(String message) {
        throw new AssertionError(message);
    }

    @Override
    public void close() throws Exception {
        kill();
        Files.deleteIfExists(config);
    }
}
