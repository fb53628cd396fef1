package dev.vla4j.nodes.mqtt;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An in-process MQTT 5 broker (HiveMQ Community Edition, embedded) on the loopback interface, for
 * {@code vla4j demo} and tests that need no external peer. It keeps nothing on disk beyond its lifetime: its
 * configuration, data and extension folders live in a temporary directory removed by {@link #close()}, and it
 * persists sessions in memory only. Anonymous usage statistics are off, so it never reaches the network.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final int FREE_PORT_ATTEMPTS = 3;

    private final EmbeddedHiveMQ hivemq;
    private final Path home;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path home, int port) {
        this.hivemq = hivemq;
        this.home = home;
        this.port = port;
    }

    /**
     * Starts a broker listening on {@code 127.0.0.1:port}; {@code port} 0 picks a free port (retrying if another
     * process takes it first). Blocks until the broker accepts connections (a few seconds).
     */
    public static EmbeddedBroker start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be in 0..65535 (0 = any free port), got " + port);
        }
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < (port == 0 ? FREE_PORT_ATTEMPTS : 1); attempt++) {
            int chosen = port == 0 ? freePort() : port;
            try {
                return startOn(chosen);
            } catch (IllegalStateException e) {
                failure = e;
                LOG.debug("embedded broker failed to start on port {}", chosen, e);
            }
        }
        throw failure;
    }

    private static EmbeddedBroker startOn(int port) {
        Path home = null;
        try {
            home = Files.createTempDirectory("vla4j-mqtt-broker-");
            Path config = Files.createDirectories(home.resolve("conf"));
            Files.createDirectories(home.resolve("data"));
            Files.createDirectories(home.resolve("extensions"));
            Files.writeString(config.resolve("config.xml"), configXml(port));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(home.resolve("data"))
                    .withExtensionsFolder(home.resolve("extensions"))
                    .withoutLoggingBootstrap() // keep the application's logback configuration
                    .build();
            try {
                hivemq.start().get();
            } catch (ExecutionException e) {
                hivemq.close();
                throw new IllegalStateException("the embedded MQTT broker did not start on port " + port + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
            LOG.info("embedded MQTT broker listening on tcp://127.0.0.1:{}", port);
            return new EmbeddedBroker(hivemq, home, port);
        } catch (IOException e) {
            deleteQuietly(home);
            throw new UncheckedIOException("cannot prepare the embedded broker's folders", e);
        } catch (ExecutionException | InterruptedException | RuntimeException e) {
            deleteQuietly(home);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("the embedded MQTT broker did not start on port " + port, e);
        }
    }

    private static String configXml(int port) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the embedded broker", e);
        }
    }

    /** The address clients connect to, e.g. {@code tcp://127.0.0.1:41883}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the broker (clients see their connection drop) and removes its temporary folders. */
    @Override
    public void close() {
        try {
            hivemq.close();
        } catch (ExecutionException e) {
            LOG.warn("embedded MQTT broker did not stop cleanly: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteQuietly(home);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not remove the embedded broker's folder {}: {}", folder, e.getMessage());
        }
    }
}
