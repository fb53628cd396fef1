package dev.vla4j.cli;

import dev.vla4j.nodes.PeerProbe;
import dev.vla4j.perception.engine.TensorEngine;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Reports what vla4j runs on, and whether the tensor engine and the robot peers work. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = "Check Java, the tensor engine (DJL + libtorch), intra-op threads, and whether a ROS master "
                + "and an MQTT broker are reachable. Exits 1 when the tensor engine cannot start; unreachable "
                + "peers are reported but are not an error.",
        footer = {"", "Examples:", "  vla4j doctor",
                "  ROS_MASTER_URI=http://127.0.0.1:11311 vla4j doctor --mqtt tcp://127.0.0.1:1883"})
final class DoctorCommand implements Callable<Integer> {
    static final int ENGINE_UNAVAILABLE = 1;

    @Spec
    private CommandSpec spec;

    @Option(names = "--ros-master", paramLabel = "URI",
            description = "ROS master to check (default: $ROS_MASTER_URI, else ${DEFAULT-VALUE}).",
            defaultValue = "${env:ROS_MASTER_URI:-http://localhost:11311}")
    private URI rosMaster;

    @Option(names = "--mqtt", paramLabel = "URI",
            description = "MQTT broker to check (default: $VLA4J_MQTT_URI, else ${DEFAULT-VALUE}).",
            defaultValue = "${env:VLA4J_MQTT_URI:-tcp://127.0.0.1:1883}")
    private String mqtt;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "2",
            description = "How long to wait for each peer (default: ${DEFAULT-VALUE}).")
    private int timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime runtime = Runtime.getRuntime();
        line(out, "java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", "
                + System.getProperty("java.home") + ")");
        line(out, "machine", System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                + runtime.availableProcessors() + " cores, max heap " + runtime.maxMemory() / (1 << 20) + " MiB");
        line(out, "djl", "offline=" + Boolean.getBoolean("ai.djl.offline") + ", native cache " + TensorEngine.cacheDir());
        int status = reportEngine(out);
        Duration timeout = Duration.ofSeconds(Math.max(1, timeoutSeconds));
        report(out, PeerProbe.rosMaster(rosMaster, timeout));
        report(out, PeerProbe.mqttBroker(mqtt, timeout));
        out.flush();
        return status;
    }

    private int reportEngine(PrintWriter out) {
        try {
            TensorEngine.Report engine = TensorEngine.probe();
            line(out, "engine", "ok: DJL " + engine.djlVersion() + ", " + engine.engine() + " (libtorch "
                    + engine.libtorchVersion() + ") on " + engine.device() + ", 2x2 matmul checked");
            line(out, "threads", "intra-op " + engine.intraOpThreads() + ", inter-op " + engine.interOpThreads()
                    + " (set with -Dai.djl.pytorch.num_threads=N; control loops use 1)");
            return 0;
        } catch (TensorEngine.UnavailableException e) {
            line(out, "engine", "FAILED (see below)");
            out.flush();
            spec.commandLine().getErr().println("vla4j doctor: " + e.getMessage());
            return ENGINE_UNAVAILABLE;
        }
    }

    private static void report(PrintWriter out, PeerProbe.Status status) {
        line(out, status.peer().toLowerCase(java.util.Locale.ROOT), (status.reachable() ? "reachable" : "unreachable")
                + " at " + status.address() + ": " + status.detail());
    }

    private static void line(PrintWriter out, String what, String detail) {
        out.printf("%-12s %s%n", what, detail);
    }
}
