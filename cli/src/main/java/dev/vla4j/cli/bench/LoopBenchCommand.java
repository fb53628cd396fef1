package dev.vla4j.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vla4j.cli.node.LinkOptions;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import dev.vla4j.nodes.control.LoopBench;
import dev.vla4j.policy.vla.VlaPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vla4j bench loop}: camera-in to action-out latency and the sustained rate through a master or broker. */
@Command(name = "loop", mixinStandardHelpOptions = true,
        description = {"Measure the robot link's loop: a robot end publishes a simulator frame and its state at "
                + "--camera-hz, stamping each; a controller node (waiting for each new frame, through the safety "
                + "limiter) answers with an action naming the frame; the robot end times each answer. Both ends run in "
                + "this process and talk only through the real rosmaster / MQTT broker (topics under /vla4j_bench, "
                + "or robot id 'bench').",
                "Prints one JSON object per camera rate: latency_ms min/median/p99 over the answered frames, "
                        + "frames published and answered, sustained_hz (answers per second), loadavg_1m.",
                "Without --transport: the closed-loop chunk rate of a VLA driving the simulator in this process "
                        + "(--policy DIR, or --preset with random weights; batch 1, --threads intra-op threads)."},
        footer = {"", "Examples:", "  vla4j bench loop --preset small --threads 1",
                "  vla4j bench loop --policy runs/small/checkpoints/last --chunks 500",
                "  vla4j bench loop --transport ros --camera-hz 10,30",
                "  vla4j bench loop --transport mqtt --broker tcp://127.0.0.1:1883 --seconds 30",
                "  vla4j bench loop --transport mqtt --embedded-broker --broker tcp://127.0.0.1:0"})
final class LoopBenchCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    private CommandSpec spec;

    @Mixin
    private LinkOptions link;

    @Option(names = "--camera-hz", split = ",", paramLabel = "HZ", defaultValue = "10,30",
            description = "Frame rates to measure, in order (default: ${DEFAULT-VALUE}).")
    private List<Double> rates;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "20",
            description = "Measured seconds per rate (default: ${DEFAULT-VALUE}).")
    private double seconds;

    @Option(names = "--warmup-seconds", paramLabel = "S", defaultValue = "2",
            description = "Unmeasured seconds first (default: ${DEFAULT-VALUE}).")
    private double warmupSeconds;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "128",
            description = "Frame side, 64-224 (default: ${DEFAULT-VALUE}).")
    private int imageSize;

    @Option(names = "--policy", paramLabel = "DIR", description = "In-process loop: a trained policy folder.")
    private Path policy;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small",
            description = "In-process loop: the preset with random weights (default: ${DEFAULT-VALUE}).")
    private String preset;

    @Option(names = "--chunks", paramLabel = "N", defaultValue = "200",
            description = "In-process loop: timed chunks (default: ${DEFAULT-VALUE}).")
    private int chunks;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
            description = "In-process loop: untimed chunks first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "In-process loop: intra-op threads; control loops use 1 (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Override
    public Integer call() throws Exception {
        if (!link.hasTransport()) {
            return inProcess();
        }
        if (!(seconds > 0) || !(warmupSeconds >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--seconds must be > 0 and --warmup-seconds >= 0");
        }
        try {
            var robotLink = link.link(spec.commandLine());
            for (double hz : rates) {
                BenchCommand.progress(spec.commandLine().getErr(), "loop over %s at %.0f Hz for %.0f s",
                        link.transportName(), hz, seconds);
                LoopBench.Result result = LoopBench.run(robotLink, imageSize, hz, seconds(warmupSeconds),
                        seconds(seconds));
                spec.commandLine().getOut().println(JSON.writeValueAsString(toJson(result)));
                spec.commandLine().getOut().flush();
            }
        } finally {
            link.close();
        }
        return 0;
    }

    private int inProcess() {
        if (chunks < 1 || warmup < 0 || threads < 1) {
            spec.commandLine().getErr().println("vla4j bench loop: --chunks and --threads must be positive, --warmup >= 0");
            return 2;
        }
        Engine.getInstance();
        JniUtils.setNumThreads(threads);
        try (VlaPolicy loaded = PolicyLoopBench.policy(policy, preset)) {
            spec.commandLine().getOut().println(PolicyLoopBench.measure(loaded, chunks, warmup,
                    loaded.metadata().config().vlm().imageSize(), policy != null ? policy.toString() : preset + " (random)"));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("vla4j bench loop: " + e.getMessage());
            return 2;
        }
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }

    private ObjectNode toJson(LoopBench.Result result) {
        ObjectNode json = JSON.createObjectNode();
        json.put("case", "loop");
        json.put("transport", link.transportName());
        json.put("camera_hz", result.cameraHz());
        json.put("image_size", result.imageSize());
        json.put("seconds", round(result.seconds(), 2));
        json.put("frames_published", result.framesPublished());
        json.put("frames_answered", result.latenciesMs().length);
        if (result.latenciesMs().length > 0) {
            LatencyStats stats = LatencyStats.of(result.latenciesMs());
            ObjectNode ms = json.putObject("latency_ms");
            ms.put("min", round(stats.minMs(), 3));
            ms.put("median", round(stats.medianMs(), 3));
            ms.put("p99", round(stats.p99Ms(), 3));
        } else {
            json.putNull("latency_ms");
        }
        json.put("sustained_hz", round(result.sustainedHz(), 2));
        OptionalDouble load = ProcessMemory.loadAverage();
        if (load.isPresent()) {
            json.put("loadavg_1m", load.getAsDouble());
        } else {
            json.putNull("loadavg_1m");
        }
        json.put("cpus", Runtime.getRuntime().availableProcessors());
        return json;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
